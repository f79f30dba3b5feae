package io.qdranthybrid.harness.controlplane;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Publishes {@link ControlPlaneEvent}s to subscribers and keeps the most recent ones as a timeline. Subscribers are
 * called on the thread that caused the change (often an agent session's, holding its lock): they must return quickly
 * and must not call back into the control plane's mutating API. Thread-safe.
 */
public final class ControlPlaneEvents {

    private static final Logger LOG = LoggerFactory.getLogger(ControlPlaneEvents.class);
    public static final int RETAINED_EVENTS = 10_000;

    private final Clock clock;
    private final List<Consumer<ControlPlaneEvent>> subscribers = new CopyOnWriteArrayList<>();
    private final Deque<ControlPlaneEvent> history = new ArrayDeque<>();
    private long sequence;

    ControlPlaneEvents(Clock clock) {
        this.clock = clock;
    }

    /** Calls {@code subscriber} with every event from now on, until the returned subscription is closed. */
    public Subscription subscribe(Consumer<ControlPlaneEvent> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /** The retained events, oldest first (at most {@value #RETAINED_EVENTS}). */
    public synchronized List<ControlPlaneEvent> history() {
        return List.copyOf(history);
    }

    /** The retained events after {@code sequence}, oldest first: what a reconnecting listener missed. */
    public synchronized List<ControlPlaneEvent> since(long sequence) {
        return history.stream().filter(e -> e.sequence() > sequence).toList();
    }

    void publish(ControlPlaneEvent.Type type, String environmentId, String subject, String detail) {
        ControlPlaneEvent event;
        synchronized (this) {
            event = new ControlPlaneEvent(++sequence, clock.instant(), type, environmentId, subject, detail);
            history.addLast(event);
            if (history.size() > RETAINED_EVENTS) {
                history.removeFirst();
            }
        }
        for (Consumer<ControlPlaneEvent> subscriber : subscribers) {
            try {
                subscriber.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("An event subscriber failed on {} {}", event.type(), event.subject(), e);
            }
        }
    }

    /** Ends a subscription. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
