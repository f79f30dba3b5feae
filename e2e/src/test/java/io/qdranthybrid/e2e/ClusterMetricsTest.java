package io.qdranthybrid.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdranthybrid.agent.CloudAgent;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.harness.controlplane.ClusterUsageViews;
import io.qdranthybrid.harness.controlplane.NewCluster;
import io.qdranthybrid.harness.junit.HybridCloudTest;
import io.qdranthybrid.harness.stack.Faults;
import io.qdranthybrid.harness.stack.HybridEnvironment;
import io.qdranthybrid.harness.stack.HybridStack;
import io.qdranthybrid.harness.stack.Interruption;
import io.qdranthybrid.harness.timeline.Timeline;
import io.qdranthybrid.platform.usage.ClusterUsage;
import io.qdranthybrid.protocol.client.ConnectionState;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The agent scrapes the cluster's Qdrant nodes and the control plane charts what it reports: data written shows as
 * disk and memory used, requests as a rate, and an outage costs only the scrapes beyond a bounded backlog.
 */
@HybridCloudTest
class ClusterMetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double GI = 1024.0 * 1024 * 1024;

    private static ClusterUsage latest(HybridEnvironment env, String clusterId) {
        return env.controlPlane().usage().metrics(env.id(), clusterId, "1h").latest();
    }

    @Test
    void seededPointsGrowDiskAndMemoryInTheControlPlanesSeriesServedOverRest(HybridEnvironment env, Timeline timeline)
            throws Exception {
        env.createCluster(NewCluster.of("orders", 1, "v1.12.3"));
        env.awaitCluster("orders", ClusterPhase.HEALTHY, Waits.CONVERGE);
        ClusterUsage empty = await("a first usage report").atMost(Waits.PROMPTLY).pollInterval(Waits.POLL)
                .until(() -> latest(env, "orders"), u -> u != null && u.nodesScraped() == 1);
        assertThat(empty.points()).isZero();
        assertThat(empty.diskCapacityBytes()).as("the PVC's size").isEqualTo(10 * GI);
        assertThat(empty.memoryLimitBytes()).as("the container's memory limit").isEqualTo(1 * GI);

        env.qdrant("orders").seedCollection("docs", 2, 1, 50_000);
        timeline.mark("seeded 50,000 points");
        ClusterUsage seeded = await("the points reported").atMost(Waits.PROMPTLY).pollInterval(Waits.POLL)
                .until(() -> latest(env, "orders"), u -> u.points() == 50_000);

        // 50,000 4-dimension vectors with their payload and index: megabytes more on disk and in memory.
        assertThat(seeded.diskUsedBytes() - empty.diskUsedBytes()).isGreaterThan(10_000_000);
        assertThat(seeded.memoryUsedBytes() - empty.memoryUsedBytes()).isGreaterThan(5_000_000);
        assertThat(seeded.collections()).isEqualTo(1);
        assertThat(seeded.shardReplicas()).containsEntry("Active", 2);
        assertThat(seeded.replicas()).extracting(ClusterUsage.Replica::node, ClusterUsage.Replica::collection)
                .containsOnly(org.assertj.core.groups.Tuple.tuple(0, "docs"));

        // Each scrape is itself a request to the node, so the rate is positive once two points exist.
        await("a request rate").atMost(Waits.PROMPTLY).pollInterval(Waits.POLL)
                .until(() -> latest(env, "orders").requestRate(), rate -> rate != null && rate > 0);

        JsonNode served = get(env.controlPlane().consoleUrl() + "api/v1/hybrid-cloud-environments/" + env.id()
                + "/clusters/orders/metrics?window=15m");
        assertThat(served.path("window").asText()).isEqualTo("PT15M");
        List<Double> disk = served.path("points").findValuesAsText("diskUsedBytes").stream().map(Double::valueOf).toList();
        assertThat(disk.get(0)).isLessThan(disk.get(disk.size() - 1));
        assertThat(served.path("flags")).as("2 % of disk and well under 80 % of memory").isEmpty();
    }

    @Test
    void whileDisconnectedTheAgentKeepsTheLatestScrapeAndABoundedBacklogAndDeliversThemOnReconnect(
            HybridEnvironment env, Faults faults, Timeline timeline) {
        env.createCluster(NewCluster.of("orders", 1, "v1.12.3"));
        env.awaitCluster("orders", ClusterPhase.HEALTHY, Waits.CONVERGE);
        await("a first usage report").atMost(Waits.PROMPTLY).pollInterval(Waits.POLL)
                .until(() -> latest(env, "orders") != null);
        CloudAgent agent = env.stack().agent().orElseThrow();

        Instant cut;
        Instant ended;
        try (Interruption outage = faults.cutAgentConnection()) {
            await("agent disconnected").atMost(Waits.PROMPTLY).pollInterval(Waits.POLL)
                    .until(() -> agent.connectionState() != ConnectionState.CONNECTED);
            cut = Instant.now();
            env.qdrant("orders").seedCollection("docs", 1, 1, 20_000);
            timeline.mark("seeded 20,000 points while disconnected");
            // More scrapes than the backlog holds: the oldest are given up, counted.
            await("scrapes beyond the backlog dropped").atMost(Waits.CONVERGE).pollInterval(Waits.POLL)
                    .until(() -> agent.droppedMetricScrapes() >= 2);
            assertThat(latest(env, "orders").at()).as("nothing arrives while cut").isBefore(cut);
            ended = Instant.now();
            outage.end();
        }

        await("usage scraped after the outage").atMost(Waits.CURRENT_AGAIN).pollInterval(Waits.POLL)
                .until(() -> latest(env, "orders").at().isAfter(ended));
        List<ClusterUsageViews.Point> duringOutage = env.controlPlane().usage().metrics(env.id(), "orders", "1h")
                .points().stream().filter(p -> p.at().isAfter(cut) && p.at().isBefore(ended)).toList();
        // The latest scrape and the backlog before it, no more: the scrape between the end of the cut and the
        // reconnect may have pushed one of them out.
        assertThat(duringOutage.size()).isBetween(HybridStack.METRICS_BACKLOG, HybridStack.METRICS_BACKLOG + 1);
        assertThat(duringOutage).extracting(ClusterUsageViews.Point::points).contains(20_000L);
        assertThat(latest(env, "orders").points()).isEqualTo(20_000);
        // The operator's metrics wait in the same backlog, bounded the same way.
        await("the operator's scrapes of the outage delivered").atMost(Waits.PROMPTLY).pollInterval(Waits.POLL)
                .until(() -> env.controlPlane().operatorMetrics().metrics(env.id(), "1h").points().stream()
                        .filter(p -> p.at().isAfter(cut) && p.at().isBefore(ended)).count(),
                        count -> count >= HybridStack.METRICS_BACKLOG && count <= HybridStack.METRICS_BACKLOG + 1);
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
