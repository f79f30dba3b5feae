package io.qdranthybrid.harness.stack;

import io.qdranthybrid.reconcile.ReconcileMetrics;
import io.qdranthybrid.reconcile.ReconcileOutcome;
import io.qdranthybrid.reconcile.ResourceKey;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-process operator's reconcile hooks counted and rendered as Prometheus text under the names the operator app
 * exports (hybrid-operator's MicrometerReconcileMetrics, after controller-runtime's): what the agent scrapes from the
 * real operator, without Micrometer in the harness. One instance per operator run, so a restart starts the counters
 * at 0 as a new pod does.
 */
final class ControllerRuntimeMetrics implements ReconcileMetrics {

    /** Keyed "controller\u0000result". */
    private final Map<String, AtomicLong> reconciles = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> queueDepth = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> activeWorkers = new ConcurrentHashMap<>();

    @Override
    public void reconcileFinished(String controller, ResourceKey key, Duration duration, ReconcileOutcome outcome) {
        reconciles.computeIfAbsent(controller + '\u0000' + outcome.name().toLowerCase(Locale.ROOT),
                k -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public void reconcileFailed(String controller, ResourceKey key, Exception error) {
        errors.computeIfAbsent(controller, k -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public void queueDepth(String controller, int depth) {
        queueDepth.computeIfAbsent(controller, k -> new AtomicInteger()).set(depth);
    }

    @Override
    public void activeWorkers(String controller, int active) {
        activeWorkers.computeIfAbsent(controller, k -> new AtomicInteger()).set(active);
    }

    /** The text exposition format, version 0.0.4 (https://prometheus.io/docs/instrumenting/exposition_formats/). */
    String render() {
        StringBuilder text = new StringBuilder();
        text.append("# TYPE controller_runtime_reconcile_total counter\n");
        new TreeMap<>(reconciles).forEach((key, count) -> {
            String[] parts = key.split("\u0000", 2);
            text.append("controller_runtime_reconcile_total{controller=\"").append(parts[0])
                    .append("\",result=\"").append(parts[1]).append("\"} ").append(count.get()).append('\n');
        });
        family(text, "controller_runtime_reconcile_errors_total", "counter", errors);
        family(text, "workqueue_depth", "gauge", queueDepth);
        family(text, "controller_runtime_active_workers", "gauge", activeWorkers);
        return text.toString();
    }

    private static void family(StringBuilder text, String name, String type, Map<String, ? extends Number> values) {
        text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        new TreeMap<>(values).forEach((controller, value) -> text.append(name).append("{controller=\"")
                .append(controller).append("\"} ").append(value.longValue()).append('\n'));
    }
}
