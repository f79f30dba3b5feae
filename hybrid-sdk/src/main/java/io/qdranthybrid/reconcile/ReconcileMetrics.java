package io.qdranthybrid.reconcile;

import java.time.Duration;

/**
 * Hooks a controller calls so an application can export metrics with its own library (the SDK has none);
 * every method defaults to doing nothing. Implementations must be thread-safe and fast: workers call them inline.
 */
public interface ReconcileMetrics {

    /** Records nothing. */
    ReconcileMetrics NOOP = new ReconcileMetrics() {
    };

    default void reconcileStarted(String controller, ResourceKey key) {
    }

    default void reconcileFinished(String controller, ResourceKey key, Duration duration, ReconcileOutcome outcome) {
    }

    default void reconcileFailed(String controller, ResourceKey key, Exception error) {
    }

    /** Keys waiting to be reconciled (not counting keys waiting for a delay). */
    default void queueDepth(String controller, int depth) {
    }

    /** Workers currently running a reconcile. */
    default void activeWorkers(String controller, int active) {
    }
}
