package io.qdranthybrid.operator;

import io.qdranthybrid.reconcile.ReconcileMetrics;
import io.qdranthybrid.reconcile.ReconcileOutcome;
import io.qdranthybrid.reconcile.ResourceKey;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * Finished reconciles per controller and object: time passing as the operator sees it. A test that expects the
 * operator to do nothing waits for it to have looked again, not for a number of seconds.
 */
public final class ReconcileCounts implements ReconcileMetrics {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private record Counted(String controller, String name) {
    }

    private final Map<Counted, AtomicInteger> finished = new ConcurrentHashMap<>();

    @Override
    public void reconcileFinished(String controller, ResourceKey key, Duration duration, ReconcileOutcome outcome) {
        finished.computeIfAbsent(new Counted(controller, key.name()), k -> new AtomicInteger()).incrementAndGet();
    }

    /** Reconciles of the object by the controller (e.g. {@code qdrantcluster}) that finished so far. */
    public int finished(String controller, String name) {
        AtomicInteger count = finished.get(new Counted(controller, name));
        return count == null ? 0 : count.get();
    }

    /**
     * Waits until the controller has finished {@code more} further reconciles of the object: with two or more, at
     * least one of them started after this call, on the state of the world (and the clock) by then.
     */
    public void awaitMore(String controller, String name, int more) {
        int target = finished(controller, name) + more;
        await("%d more reconciles of %s by %s".formatted(more, name, controller)).atMost(TIMEOUT)
                .until(() -> finished(controller, name) >= target);
    }
}
