package io.qdranthybrid.harness.qdrant;

import io.qdranthybrid.agent.metrics.PrometheusText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A simulated node's /metrics moves with what it serves and holds, as a real node's would. */
class NodeMetricsTest {

    @RegisterExtension
    final QdrantPods pods = new QdrantPods();

    private List<PrometheusText.Sample> metrics(String clusterId, int ordinal) {
        QdrantHttp.Response response = pods.http(clusterId, ordinal).get("/metrics");
        assertThat(response.status()).isEqualTo(200);
        return PrometheusText.parse(response.body());
    }

    private static double value(List<PrometheusText.Sample> samples, String name) {
        return samples.stream().filter(s -> s.name().equals(name)).mapToDouble(PrometheusText.Sample::value).sum();
    }

    @Test
    void restResponsesAreCountedPerMethodEndpointPatternAndStatus() {
        pods.seededCluster("alpha", 1, 1, 1, 10);
        QdrantHttp node = pods.http("alpha", 0);
        node.get("/collections/docs");
        node.get("/collections/docs");
        node.get("/collections/missing");

        List<PrometheusText.Sample> samples = metrics("alpha", 0);

        assertThat(samples).filteredOn(s -> s.name().equals("rest_responses_total")
                        && s.labels().get("endpoint").equals("/collections/{name}"))
                .extracting(PrometheusText.Sample::labels, PrometheusText.Sample::value)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(Map.of("method", "GET", "endpoint", "/collections/{name}",
                                "status", "200"), 2.0),
                        org.assertj.core.groups.Tuple.tuple(Map.of("method", "GET", "endpoint", "/collections/{name}",
                                "status", "404"), 1.0));
        assertThat(samples).anySatisfy(s -> assertThat(s.name()).isEqualTo("rest_responses_avg_duration_seconds"));
    }

    @Test
    void memoryAndVolumeUseGrowOnTheNodeThatHoldsTheWrittenPointsOnly() {
        SimulatedQdrantCluster alpha = pods.seededCluster("alpha", 2, 1, 1, 0);
        double memoryBefore = value(metrics("alpha", 0), "memory_resident_bytes");
        double diskBefore = value(metrics("alpha", 0), "kubelet_volume_stats_used_bytes");
        double otherDiskBefore = value(metrics("alpha", 1), "kubelet_volume_stats_used_bytes");

        alpha.upsert("docs", 10_000);

        // The one shard lives on the pod of ordinal 0.
        assertThat(value(metrics("alpha", 0), "memory_resident_bytes") - memoryBefore).isGreaterThan(1_000_000);
        assertThat(value(metrics("alpha", 0), "kubelet_volume_stats_used_bytes") - diskBefore).isGreaterThan(2_000_000);
        assertThat(value(metrics("alpha", 1), "kubelet_volume_stats_used_bytes")).isEqualTo(otherDiskBefore);
        assertThat(metrics("alpha", 0)).filteredOn(s -> s.name().equals("kubelet_volume_stats_used_bytes"))
                .singleElement().satisfies(s -> assertThat(s.labels())
                        .containsEntry("persistentvolumeclaim", "qdrant-storage-alpha-0"));
    }

    @Test
    void routePatternsNameTheirParametersAsQdrantsRoutesDo() {
        assertThat(RestResponseCounts.pattern("/collections/docs/points/count")).isEqualTo("/collections/{name}/points/count");
        assertThat(RestResponseCounts.pattern("/collections/docs/snapshots/s1.snapshot"))
                .isEqualTo("/collections/{name}/snapshots/{snapshot_name}");
        assertThat(RestResponseCounts.pattern("/cluster/peer/42")).isEqualTo("/cluster/peer/{id}");
        assertThat(RestResponseCounts.pattern("/metrics")).isEqualTo("/metrics");
    }
}
