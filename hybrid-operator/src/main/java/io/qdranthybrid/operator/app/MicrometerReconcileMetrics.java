package io.qdranthybrid.operator.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.qdranthybrid.reconcile.ReconcileMetrics;
import io.qdranthybrid.reconcile.ReconcileOutcome;
import io.qdranthybrid.reconcile.ResourceKey;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Publishes the SDK's reconcile hooks as Prometheus metrics named like controller-runtime's. */
@Singleton
final class MicrometerReconcileMetrics implements ReconcileMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> queueDepth = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> activeWorkers = new ConcurrentHashMap<>();

    MicrometerReconcileMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void reconcileFinished(String controller, ResourceKey key, Duration duration, ReconcileOutcome outcome) {
        registry.counter("controller_runtime_reconcile_total", "controller", controller, "result",
                outcome.name().toLowerCase()).increment();
        Timer.builder("controller_runtime_reconcile_time_seconds").tag("controller", controller)
                .register(registry).record(duration);
    }

    @Override
    public void reconcileFailed(String controller, ResourceKey key, Exception error) {
        registry.counter("controller_runtime_reconcile_errors_total", "controller", controller).increment();
    }

    @Override
    public void queueDepth(String controller, int depth) {
        gauge(queueDepth, "workqueue_depth", controller).set(depth);
    }

    @Override
    public void activeWorkers(String controller, int active) {
        gauge(activeWorkers, "controller_runtime_active_workers", controller).set(active);
    }

    private AtomicInteger gauge(Map<String, AtomicInteger> gauges, String name, String controller) {
        return gauges.computeIfAbsent(controller, c -> registry.gauge(name,
                io.micrometer.core.instrument.Tags.of("controller", c), new AtomicInteger()));
    }
}
