package io.qdranthybrid.platform.postgres;

import io.qdranthybrid.protocol.SampleMessages;
import io.qdranthybrid.protocol.message.KubernetesEvent;
import io.qdranthybrid.protocol.message.MetricSample;
import io.qdranthybrid.protocol.message.Telemetry;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static io.qdranthybrid.protocol.SampleMessages.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** The behaviour of the SDK's InMemorySinksTest for telemetry, on PostgreSQL and across replicas. */
class PostgresTelemetrySinkTest {

    private final DataSource database = TestPostgres.emptied();

    @Test
    void telemetryIsBoundedCountsEvictionsAndSumsWhatTheAgentDropped() {
        PostgresTelemetrySink sink = new PostgresTelemetrySink(database, 10);
        List<MetricSample> metrics = IntStream.range(0, 12).mapToObj(SampleMessages::metric).toList();
        KubernetesEvent event = new KubernetesEvent("qdrant", "Pod", "qdrant-a-0", "Warning", "FailedScheduling",
                "0/3 nodes are available", 1, T0);

        sink.telemetry("env-1", new Telemetry(metrics, List.of(event), 7));
        sink.telemetry("env-1", new Telemetry(List.of(), List.of(), 2));

        assertThat(sink.recentMetrics("env-1")).hasSize(9).first().extracting(MetricSample::value).isEqualTo(3.0);
        assertThat(sink.recentMetrics("env-1")).containsExactlyElementsOf(metrics.subList(3, 12));
        assertThat(sink.recentEvents("env-1")).containsExactly(event);
        assertThat(sink.evicted("env-1")).isEqualTo(3);
        assertThat(sink.droppedByAgent("env-1")).isEqualTo(9);
        assertThat(sink.droppedByAgent("env-2")).isZero();
        assertThat(sink.recentMetrics("env-2")).isEmpty();
    }

    @Test
    void replicasWritingTheSameEnvironmentAtOnceStayWithinTheBound() {
        List<CompletableFuture<Void>> writes = IntStream.range(0, 8).mapToObj(i -> CompletableFuture.runAsync(() ->
                new PostgresTelemetrySink(database, 5).telemetry("env-1", new Telemetry(
                        List.of(SampleMessages.metric(i), SampleMessages.metric(i + 100)), List.of(), 0)))).toList();
        writes.forEach(CompletableFuture::join);

        PostgresTelemetrySink sink = new PostgresTelemetrySink(database, 5);
        assertThat(sink.recentMetrics("env-1")).hasSize(5);
        assertThat(sink.evicted("env-1")).isEqualTo(11);
    }
}
