package io.qdranthybrid.platform.sink;

import io.qdranthybrid.protocol.SampleMessages;
import io.qdranthybrid.protocol.message.KubernetesEvent;
import io.qdranthybrid.protocol.message.MetricSample;
import io.qdranthybrid.protocol.message.NackReason;
import io.qdranthybrid.protocol.message.ResourceStatus;
import io.qdranthybrid.protocol.message.Telemetry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static io.qdranthybrid.protocol.SampleMessages.T0;
import static io.qdranthybrid.protocol.SampleMessages.clusterKey;
import static io.qdranthybrid.protocol.SampleMessages.json;
import static org.assertj.core.api.Assertions.assertThat;

class InMemorySinksTest {

    @Test
    void theStatusSinkKeepsTheLatestObservationPerResource() {
        InMemoryStatusSink sink = new InMemoryStatusSink();
        ResourceStatus creating = new ResourceStatus(clusterKey("a"), 1, json("{\"phase\":\"Creating\"}"), T0);
        ResourceStatus healthy = new ResourceStatus(clusterKey("a"), 1, json("{\"phase\":\"Healthy\"}"), T0.plusSeconds(5));
        ResourceStatus other = new ResourceStatus(clusterKey("b"), 2, json("{\"phase\":\"Creating\"}"), T0);

        sink.resourceStatus("env-1", creating);
        sink.resourceStatus("env-1", healthy);
        sink.resourceStatus("env-1", creating); // a resend after reconnect, older than what we hold
        sink.resourceStatus("env-1", other);

        assertThat(sink.latest("env-1", clusterKey("a"))).contains(healthy);
        assertThat(sink.statuses("env-1")).containsExactlyInAnyOrder(healthy, other);
        assertThat(sink.statuses("env-2")).isEmpty();
    }

    @Test
    void rejectionsStayUntilTheAgentAppliesTheirRevisionOrLater() {
        InMemoryStatusSink sink = new InMemoryStatusSink();
        sink.resourceRejected("env-1", new ResourceRejection(clusterKey("a"), 3, NackReason.INVALID, "bad size", T0));
        sink.resourceRejected("env-1", new ResourceRejection(clusterKey("b"), 5, NackReason.INVALID, "bad", T0));

        sink.desiredStateApplied("env-1", 4);

        assertThat(sink.rejections("env-1")).extracting(r -> r.key().name()).containsExactly("b");
    }

    @Test
    void telemetryIsBoundedCountsEvictionsAndSumsWhatTheAgentDropped() {
        InMemoryTelemetrySink sink = new InMemoryTelemetrySink(10);
        List<MetricSample> metrics = IntStream.range(0, 12).mapToObj(SampleMessages::metric).toList();
        KubernetesEvent event = new KubernetesEvent("qdrant", "Pod", "qdrant-a-0", "Warning", "FailedScheduling",
                "0/3 nodes are available", 1, T0);

        sink.telemetry("env-1", new Telemetry(metrics, List.of(event), 7));
        sink.telemetry("env-1", new Telemetry(List.of(), List.of(), 2));

        assertThat(sink.recentMetrics("env-1")).hasSize(9).first().extracting(MetricSample::value).isEqualTo(3.0);
        assertThat(sink.recentEvents("env-1")).containsExactly(event);
        assertThat(sink.evicted("env-1")).isEqualTo(3);
        assertThat(sink.droppedByAgent("env-1")).isEqualTo(9);
        assertThat(sink.droppedByAgent("env-2")).isZero();
    }
}
