package io.qdranthybrid.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.harness.controlplane.NewCluster;
import io.qdranthybrid.harness.junit.HybridCloudTest;
import io.qdranthybrid.harness.stack.HybridEnvironment;
import io.qdranthybrid.harness.timeline.Timeline;
import io.qdranthybrid.platform.usage.DownscaleRisk;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Before shrinking a cluster the control plane tells, from what the agent last reported, whether a shard would lose
 * its only copy: replicated collections are no risk, a single-copy shard on a leaving node is named.
 */
@HybridCloudTest
class DownscaleRiskTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static DownscaleRisk.Assessment riskOfTwoNodes(HybridEnvironment env) {
        return env.controlPlane().usage().downscaleRisk(env.id(), "orders", 2, null, null);
    }

    @Test
    void replicatedDataIsNoRiskAndASingleCopyShardOnTheLeavingNodeIsDataAtRisk(HybridEnvironment env,
                                                                               Timeline timeline) throws Exception {
        env.createCluster(NewCluster.of("orders", 3, "v1.12.3"));
        env.awaitCluster("orders", ClusterPhase.HEALTHY, Waits.CONVERGE);
        // Shard i's first replica on node i, the second on node i+1: every shard keeps a copy on nodes 0 and 1.
        env.qdrant("orders").seedCollection("replicated", 3, 2, 3_000);
        timeline.mark("seeded 'replicated' at replication factor 2");

        await("the six replicas reported").atMost(Waits.PROMPTLY).pollInterval(Waits.POLL)
                .until(() -> env.controlPlane().usage().metrics(env.id(), "orders", "1m").latest(),
                        u -> u != null && u.replicas().size() == 6);
        DownscaleRisk.Assessment noRisk = riskOfTwoNodes(env);
        assertThat(noRisk.level()).as(noRisk.reasons().toString()).isEqualTo(DownscaleRisk.Level.NO_RISK);
        assertThat(noRisk.leavingNodes()).containsExactly(2);

        env.qdrant("orders").seedCollection("single", 3, 1, 3_000);
        timeline.mark("seeded 'single' at replication factor 1, shard 2 on node 2");
        DownscaleRisk.Assessment atRisk = await("the single copy reported").atMost(Waits.PROMPTLY)
                .pollInterval(Waits.POLL).until(() -> riskOfTwoNodes(env),
                        r -> r.level() == DownscaleRisk.Level.DATA_AT_RISK);
        assertThat(atRisk.shardsAtRisk()).singleElement().satisfies(shard -> {
            assertThat(shard.collection()).isEqualTo("single");
            assertThat(shard.shard()).isEqualTo(2);
            assertThat(shard.nodes()).containsExactly(2);
        });

        JsonNode served = get(env.controlPlane().consoleUrl() + "api/v1/hybrid-cloud-environments/" + env.id()
                + "/clusters/orders/downscale-risk?nodes=2");
        assertThat(served.path("level").asText()).isEqualTo("DATA_AT_RISK");
        assertThat(served.path("reasons").get(0).asText()).contains("'single' shard 2 has replication factor 1",
                "leaving node 2");
        assertThat(get(env.controlPlane().consoleUrl() + "api/v1/hybrid-cloud-environments/" + env.id()
                + "/clusters/orders/downscale-risk?nodes=3").path("level").asText()).isEqualTo("NO_RISK");
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
