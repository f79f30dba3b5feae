package io.qdranthybrid.harness.kube.controllers.machinery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.qdranthybrid.harness.concurrent.NamedDaemonThreads;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A de-duplicating queue of object keys drained by a few worker threads, with the semantics of
 * client-go's workqueue: a key queued many times is processed once, a key is never processed by two
 * workers at once (re-adds during processing run again afterwards), failures are retried with a
 * per-key exponential backoff, and while paused keys accumulate without being processed.
 */
final class WorkQueue {

    private static final Logger LOG = LoggerFactory.getLogger(WorkQueue.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(20);
    /** Conflicts logged at debug before a warning: a few are routine, more mean the controller keeps losing. */
    private static final int ROUTINE_CONFLICTS = 3;
    private static final Duration LAST_RETRY = Duration.ofSeconds(5);

    private final String name;
    private final Consumer<String> processor;
    private final int workers;
    private final Object lock = new Object();
    private final ArrayDeque<String> ready = new ArrayDeque<>();
    private final Set<String> queued = new HashSet<>();
    private final Set<String> processing = new HashSet<>();
    private final Set<String> dirtyWhileProcessing = new HashSet<>();
    private final Map<String, Integer> failures = new HashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private final ScheduledExecutorService delays;
    private boolean paused;
    private boolean stopped;

    WorkQueue(String name, int workers, Consumer<String> processor) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        this.name = name;
        this.workers = workers;
        this.processor = processor;
        this.delays = Executors.newSingleThreadScheduledExecutor(NamedDaemonThreads.named(name + "-delays"));
    }

    void start() {
        synchronized (lock) {
            if (!threads.isEmpty()) {
                throw new IllegalStateException("work queue " + name + " already started");
            }
            ThreadFactory factory = NamedDaemonThreads.named(name + "-worker");
            for (int i = 0; i < workers; i++) {
                Thread thread = factory.newThread(this::work);
                threads.add(thread);
                thread.start();
            }
        }
    }

    void add(String key) {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            if (processing.contains(key)) {
                dirtyWhileProcessing.add(key);
            } else if (queued.add(key)) {
                ready.addLast(key);
                lock.notify();
            }
        }
    }

    void addAfter(String key, Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            add(key);
            return;
        }
        synchronized (lock) {
            if (stopped) {
                return;
            }
        }
        try {
            delays.schedule(() -> add(key), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            if (!delays.isShutdown()) {
                throw e;
            }
            // Stopped meanwhile: nothing is processed any more anyway.
        }
    }

    void pause() {
        synchronized (lock) {
            paused = true;
        }
    }

    void resume() {
        synchronized (lock) {
            paused = false;
            lock.notifyAll();
        }
    }

    boolean isPaused() {
        synchronized (lock) {
            return paused;
        }
    }

    /** Keys waiting to be processed (not counting delayed retries); for diagnostics and tests. */
    int depth() {
        synchronized (lock) {
            return ready.size();
        }
    }

    /** Nothing queued and nothing being processed; retries scheduled for later do not count. */
    boolean isIdle() {
        synchronized (lock) {
            return ready.isEmpty() && processing.isEmpty();
        }
    }

    void stop() {
        synchronized (lock) {
            stopped = true;
            lock.notifyAll();
        }
        delays.shutdownNow();
        for (Thread thread : threads) {
            thread.interrupt();
        }
    }

    List<Thread> threads() {
        synchronized (lock) {
            return List.copyOf(threads);
        }
    }

    private void work() {
        while (true) {
            String key;
            synchronized (lock) {
                while (!stopped && (paused || ready.isEmpty())) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        if (stopped) {
                            return;
                        }
                    }
                }
                if (stopped) {
                    return;
                }
                key = ready.pollFirst();
                queued.remove(key);
                processing.add(key);
            }
            boolean failed = false;
            try {
                processor.accept(key);
            } catch (RuntimeException | LinkageError | AssertionError e) {
                // A worker must outlive a bad reconcile, or its controller would silently stall.
                failed = true;
                retryLater(key, e);
            } catch (Error fatal) {
                finish(key, true);
                throw fatal;
            }
            finish(key, failed);
        }
    }

    private void finish(String key, boolean failed) {
        synchronized (lock) {
            processing.remove(key);
            if (!failed) {
                failures.remove(key);
            }
            if (dirtyWhileProcessing.remove(key) && queued.add(key)) {
                ready.addLast(key);
                lock.notify();
            }
        }
    }

    private void retryLater(String key, Throwable cause) {
        int attempt;
        synchronized (lock) {
            if (stopped) {
                return; // interrupted by stop(): the failure says nothing about the object
            }
            attempt = failures.merge(key, 1, Integer::sum);
        }
        long millis = Math.min(LAST_RETRY.toMillis(), FIRST_RETRY.toMillis() << Math.min(attempt - 1, 20));
        if (isConflict(cause) && attempt <= ROUTINE_CONFLICTS) {
            // A write from a stale cached copy: routine under load, as client-go's RetryOnConflict treats it.
            LOG.debug("{}: {} changed under us (attempt {}), retrying in {} ms", name, key, attempt, millis);
        } else {
            LOG.warn("{}: processing {} failed (attempt {}), retrying in {} ms: {}", name, key, attempt, millis,
                    cause.toString());
        }
        LOG.debug("{}: failure detail for {}", name, key, cause);
        addAfter(key, Duration.ofMillis(millis));
    }


    private static boolean isConflict(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.fabric8.kubernetes.client.KubernetesClientException k && k.getCode() == 409) {
                return true;
            }
        }
        return false;
    }
}
