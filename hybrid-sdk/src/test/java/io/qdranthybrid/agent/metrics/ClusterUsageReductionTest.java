package io.qdranthybrid.agent.metrics;

import io.qdranthybrid.protocol.message.MetricSample;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.qdranthybrid.protocol.message.UsageMetricNames.*;
import static org.assertj.core.api.Assertions.assertThat;

class ClusterUsageReductionTest {

    private static final Instant AT = Instant.parse("2026-01-01T10:00:00Z");
    private static final double GI = 1024.0 * 1024 * 1024;

    private static NodeReading node(int ordinal, String metrics, List<NodeReading.LocalReplica> replicas) {
        return new NodeReading(ordinal, PrometheusText.parse(metrics), null, 2 * GI, 10 * GI, 0.5, replicas);
    }

    private static double value(List<MetricSample> samples, String name) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().isEmpty()).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name)).value();
    }

    @Test
    void sumsMemoryDiskAndRequestsOverNodesAndKeepsEachNodesFigures() {
        List<MetricSample> samples = ClusterUsageReduction.reduce("orders", List.of(
                node(0, """
                        memory_resident_bytes 1000
                        kubelet_volume_stats_used_bytes{persistentvolumeclaim="qdrant-storage-qdrant-orders-0"} 300
                        rest_responses_total{method="GET",endpoint="/",status="200"} 5
                        rest_responses_total{method="PUT",endpoint="/collections/{name}/points",status="200"} 7
                        grpc_responses_total{endpoint="/qdrant.Points/Search"} 2
                        collections_total 1
                        collections_vector_total 40
                        """, List.of()),
                node(1, """
                        memory_resident_bytes 500
                        kubelet_volume_stats_used_bytes 200
                        rest_responses_total{method="GET",endpoint="/",status="200"} 1
                        collections_total 1
                        collections_vector_total 40
                        """, List.of())), AT);

        assertThat(value(samples, MEMORY_USED)).isEqualTo(1500);
        assertThat(value(samples, MEMORY_LIMIT)).isEqualTo(4 * GI);
        assertThat(value(samples, DISK_USED)).isEqualTo(500);
        assertThat(value(samples, DISK_FREE)).isEqualTo(20 * GI - 500);
        assertThat(value(samples, REQUESTS_TOTAL)).isEqualTo(15);
        assertThat(value(samples, COLLECTIONS)).isEqualTo(1);
        assertThat(value(samples, POINTS)).as("vectors are counted once, not once per node").isEqualTo(40);
        assertThat(value(samples, NODES_SCRAPED)).isEqualTo(2);
        assertThat(samples).filteredOn(s -> s.name().equals(NODE_DISK_USED))
                .extracting(s -> s.labels().get(NODE), MetricSample::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("0", 300.0), org.assertj.core.groups.Tuple.tuple("1", 200.0));
        assertThat(samples).allSatisfy(s -> assertThat(s.at()).isEqualTo(AT));
    }

    @Test
    void replicasAreReportedPerNodeWithTheirShardsReplicaCountAndCountedPerState() {
        List<MetricSample> samples = ClusterUsageReduction.reduce("orders", List.of(
                node(0, "memory_resident_bytes 1\n", List.of(new NodeReading.LocalReplica("docs", 0, "Active", 2),
                        new NodeReading.LocalReplica("docs", 1, "Active", 1))),
                node(1, "memory_resident_bytes 1\n", List.of(new NodeReading.LocalReplica("docs", 0, "Partial", 2)))),
                AT);

        assertThat(samples).filteredOn(s -> s.name().equals(REPLICA)).extracting(MetricSample::labels, MetricSample::value)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Map.of(NODE, "0", COLLECTION, "docs", SHARD, "0", STATE, "Active"), 2.0),
                        org.assertj.core.groups.Tuple.tuple(Map.of(NODE, "0", COLLECTION, "docs", SHARD, "1", STATE, "Active"), 1.0),
                        org.assertj.core.groups.Tuple.tuple(Map.of(NODE, "1", COLLECTION, "docs", SHARD, "0", STATE, "Partial"), 2.0));
        assertThat(samples).filteredOn(s -> s.name().equals(SHARD_REPLICAS))
                .extracting(s -> s.labels().get(STATE), MetricSample::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Active", 2.0),
                        org.assertj.core.groups.Tuple.tuple("Partial", 1.0));
    }

    @Test
    void aNodeThatCouldNotBeReadIsReportedWithWhyAndLeftOutOfTheSums() {
        NodeReading down = new NodeReading(1, List.of(), "GET /metrics failed: connection refused", 2 * GI, 10 * GI,
                0.5, List.of());

        List<MetricSample> samples = ClusterUsageReduction.reduce("orders",
                List.of(node(0, "memory_resident_bytes 1000\n", List.of()), down), AT);

        assertThat(value(samples, NODES_SCRAPED)).isEqualTo(1);
        assertThat(value(samples, MEMORY_USED)).isEqualTo(1000);
        assertThat(samples).filteredOn(s -> s.name().equals(NODE_SCRAPE_FAILED)).singleElement()
                .satisfies(s -> assertThat(s.labels()).containsEntry(NODE, "1")
                        .containsEntry("reason", "GET /metrics failed: connection refused"));
    }
}
