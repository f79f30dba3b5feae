package io.qdranthybrid.reconcile;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Test utility: remembers what a controller reported. */
final class RecordingMetrics implements ReconcileMetrics {

    final List<ReconcileOutcome> outcomes = new CopyOnWriteArrayList<>();
    final List<Exception> errors = new CopyOnWriteArrayList<>();
    final AtomicInteger started = new AtomicInteger();

    @Override
    public void reconcileStarted(String controller, ResourceKey key) {
        started.incrementAndGet();
    }

    @Override
    public void reconcileFinished(String controller, ResourceKey key, Duration duration, ReconcileOutcome outcome) {
        outcomes.add(outcome);
    }

    @Override
    public void reconcileFailed(String controller, ResourceKey key, Exception error) {
        errors.add(error);
    }
}
