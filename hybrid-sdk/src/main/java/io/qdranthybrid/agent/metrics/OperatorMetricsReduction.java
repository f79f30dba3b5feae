package io.qdranthybrid.agent.metrics;

import io.qdranthybrid.protocol.message.MetricSample;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.qdranthybrid.protocol.message.OperatorMetricNames.*;

/**
 * Reduces one scrape of the operator's Prometheus endpoint to the compact set the agent reports ({@link
 * io.qdranthybrid.protocol.message.OperatorMetricNames}): reconciles and reconcile errors as counters (the control
 * plane turns them into rates), queue depth and active workers, each summed over the operator's controllers. An
 * endpoint that could not be read becomes {@code up 0} with its reason, never nothing. Pure.
 */
public final class OperatorMetricsReduction {

    /** The names controller-runtime exports (pkg/internal/controller/metrics/metrics.go, pkg/metrics/workqueue.go). */
    static final String RECONCILE_TOTAL = "controller_runtime_reconcile_total";
    static final String RECONCILE_ERRORS = "controller_runtime_reconcile_errors_total";
    static final String WORKQUEUE_DEPTH = "workqueue_depth";
    static final String ACTIVE = "controller_runtime_active_workers";

    private OperatorMetricsReduction() {
    }

    /** A scrape that answered. */
    public static List<MetricSample> reduce(List<PrometheusText.Sample> samples, Instant at) {
        return List.of(sample(UP, 1, Map.of(), at),
                sample(RECONCILES_TOTAL, sum(samples, RECONCILE_TOTAL), Map.of(), at),
                sample(RECONCILE_ERRORS_TOTAL, sum(samples, RECONCILE_ERRORS), Map.of(), at),
                sample(QUEUE_DEPTH, sum(samples, WORKQUEUE_DEPTH), Map.of(), at),
                sample(ACTIVE_WORKERS, sum(samples, ACTIVE), Map.of(), at));
    }

    /** A scrape that did not: the endpoint unreachable, or not answering 200. */
    public static List<MetricSample> unreachable(String reason, Instant at) {
        return List.of(sample(UP, 0, Map.of(REASON, reason), at));
    }

    private static double sum(List<PrometheusText.Sample> samples, String name) {
        return samples.stream().filter(s -> s.name().equals(name) && Double.isFinite(s.value()))
                .mapToDouble(PrometheusText.Sample::value).sum();
    }

    private static MetricSample sample(String name, double value, Map<String, String> labels, Instant at) {
        return new MetricSample(MetricSample.ENVIRONMENT, name, value, labels, at);
    }
}
