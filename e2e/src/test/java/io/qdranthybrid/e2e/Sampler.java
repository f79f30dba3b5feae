package io.qdranthybrid.e2e;

import io.qdranthybrid.harness.timeline.Timeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Reads one observable value over and over in the background while a scenario runs, and keeps each value that
 * differs from the one before, in order; each change is also marked on the timeline. For things no event reports,
 * such as "which versions the nodes answer with" or "shards without a live replica".
 *
 * @param <T> the observed value; compared with {@code equals}
 */
final class Sampler<T> implements AutoCloseable {

    private final String what;
    private final Supplier<T> reading;
    private final Timeline timeline;
    private final ScheduledExecutorService thread;
    private final List<T> changes = new ArrayList<>();
    private int readings;
    private RuntimeException failure;

    private Sampler(String what, Supplier<T> reading, Timeline timeline) {
        this.what = what;
        this.reading = reading;
        this.timeline = timeline;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread daemon = new Thread(runnable, "sampler-" + what);
            daemon.setDaemon(true);
            return daemon;
        });
    }

    /** Starts reading {@code reading} every {@code period}; the first reading happens at once. */
    static <T> Sampler<T> every(Duration period, String what, Supplier<T> reading, Timeline timeline) {
        Sampler<T> sampler = new Sampler<>(what, reading, timeline);
        sampler.thread.scheduleWithFixedDelay(sampler::read, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        return sampler;
    }

    private void read() {
        T value;
        try {
            value = reading.get();
        } catch (RuntimeException e) {
            synchronized (this) {
                failure = e;
            }
            throw e; // ends the sampling: what follows a broken reading proves nothing
        }
        synchronized (this) {
            readings++;
            if (!changes.isEmpty() && Objects.equals(changes.get(changes.size() - 1), value)) {
                return;
            }
            changes.add(value);
        }
        timeline.mark(what + ": " + value);
    }

    /** The distinct consecutive values read so far, oldest first. */
    synchronized List<T> changes() {
        if (failure != null) {
            throw new IllegalStateException("reading " + what + " failed after " + readings + " readings", failure);
        }
        return List.copyOf(changes);
    }

    /** How many times the value was read: a sampler that never ran proves nothing. */
    synchronized int readings() {
        return readings;
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
