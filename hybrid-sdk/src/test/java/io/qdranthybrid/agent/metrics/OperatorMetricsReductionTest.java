package io.qdranthybrid.agent.metrics;

import io.qdranthybrid.protocol.message.MetricSample;
import io.qdranthybrid.protocol.message.OperatorMetricNames;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class OperatorMetricsReductionTest {

    private static final Instant AT = Instant.parse("2026-12-07T12:00:00Z");

    /** What MicrometerReconcileMetrics serves for an operator with two controllers, as Micrometer renders it. */
    private static final String OPERATOR_PROMETHEUS = """
            # HELP controller_runtime_reconcile_total
            # TYPE controller_runtime_reconcile_total counter
            controller_runtime_reconcile_total{controller="qdrantcluster",result="success",} 40.0
            controller_runtime_reconcile_total{controller="qdrantcluster",result="requeue",} 7.0
            controller_runtime_reconcile_total{controller="qdrantclustersnapshot",result="success",} 3.0
            # TYPE controller_runtime_reconcile_errors_total counter
            controller_runtime_reconcile_errors_total{controller="qdrantcluster",} 2.0
            # TYPE workqueue_depth gauge
            workqueue_depth{controller="qdrantcluster",} 4.0
            workqueue_depth{controller="qdrantclustersnapshot",} 1.0
            controller_runtime_active_workers{controller="qdrantcluster",} 2.0
            controller_runtime_reconcile_time_seconds_count{controller="qdrantcluster",} 50.0
            jvm_threads_live_threads 31.0
            """;

    private static Map<String, Double> byName(List<MetricSample> samples) {
        return samples.stream().collect(Collectors.toMap(MetricSample::name, MetricSample::value));
    }

    @Test
    void countersAndGaugesAreSummedOverTheOperatorsControllersAsEnvironmentSamples() {
        List<MetricSample> samples = OperatorMetricsReduction.reduce(PrometheusText.parse(OPERATOR_PROMETHEUS), AT);

        assertThat(byName(samples)).containsOnly(
                Map.entry(OperatorMetricNames.UP, 1.0),
                Map.entry(OperatorMetricNames.RECONCILES_TOTAL, 50.0),
                Map.entry(OperatorMetricNames.RECONCILE_ERRORS_TOTAL, 2.0),
                Map.entry(OperatorMetricNames.QUEUE_DEPTH, 5.0),
                Map.entry(OperatorMetricNames.ACTIVE_WORKERS, 2.0));
        assertThat(samples).allSatisfy(s -> {
            assertThat(s.clusterId()).isEqualTo(MetricSample.ENVIRONMENT);
            assertThat(s.at()).isEqualTo(AT);
        });
    }

    @Test
    void anOperatorThatHasNotReconciledYetReportsZerosNotNothing() {
        List<MetricSample> samples = OperatorMetricsReduction.reduce(PrometheusText.parse("jvm_threads_live 3\n"), AT);

        assertThat(byName(samples)).containsEntry(OperatorMetricNames.UP, 1.0)
                .containsEntry(OperatorMetricNames.RECONCILES_TOTAL, 0.0)
                .containsEntry(OperatorMetricNames.QUEUE_DEPTH, 0.0);
    }

    @Test
    void anUnreachableEndpointIsReportedDownWithItsReason() {
        List<MetricSample> samples = OperatorMetricsReduction.unreachable(
                "GET http://qdrant-hybrid-operator.qdrant.svc:8285/prometheus answered 503", AT);

        assertThat(samples).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo(OperatorMetricNames.UP);
            assertThat(s.value()).isZero();
            assertThat(s.labels()).containsEntry(OperatorMetricNames.REASON,
                    "GET http://qdrant-hybrid-operator.qdrant.svc:8285/prometheus answered 503");
        });
    }
}
