package io.qdranthybrid.harness.qdrant;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static io.qdranthybrid.harness.qdrant.QdrantPods.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class QdrantRestApiTest {

    @RegisterExtension
    final QdrantPods pods = new QdrantPods();
    private final SimulatedQdrant qdrant = pods.qdrant();

    @Test
    void createdCollectionIsPlacedRoundRobinAndVisibleFromEveryPeer() {
        pods.startCluster("alpha", 3);
        QdrantHttp.Response created = pods.http("alpha", 1).put("/collections/docs",
                "{\"vectors\":{\"size\":384,\"distance\":\"Dot\"},\"shard_number\":3,\"replication_factor\":2}");
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().get("status").asText()).isEqualTo("ok");
        assertThat(created.json().get("time").asDouble()).isNotNegative();

        SimulatedQdrantCluster alpha = qdrant.cluster(NAMESPACE, "alpha");
        await().atMost(Duration.ofSeconds(2)).until(() -> alpha.placement("docs").shards().stream()
                .allMatch(s -> s.peersIn(ReplicaState.Active).size() == 2));

        int replicas = 0;
        for (int ordinal = 0; ordinal < 3; ordinal++) {
            QdrantHttp node = pods.http("alpha", ordinal);
            assertThat(node.get("/collections").result().get("collections").get(0).get("name").asText()).isEqualTo("docs");
            JsonNode info = node.get("/collections/docs").result();
            assertThat(info.get("status").asText()).isEqualTo("green");
            assertThat(info.get("points_count").asLong()).isZero();
            assertThat(info.get("config").get("params").get("shard_number").asInt()).isEqualTo(3);
            assertThat(info.get("config").get("params").get("replication_factor").asInt()).isEqualTo(2);
            assertThat(info.get("config").get("params").get("vectors").get("size").asInt()).isEqualTo(384);
            JsonNode cluster = node.get("/collections/docs/cluster").result();
            assertThat(cluster.get("peer_id").asLong()).isEqualTo(pods.peerId("alpha", ordinal));
            assertThat(cluster.get("shard_count").asInt()).isEqualTo(3);
            assertThat(cluster.get("local_shards")).hasSize(2)
                    .allSatisfy(s -> assertThat(s.get("state").asText()).isEqualTo("Active"));
            assertThat(cluster.get("remote_shards")).hasSize(4);
            replicas += cluster.get("local_shards").size();
        }
        assertThat(replicas).isEqualTo(6);
    }

    @Test
    void replicasOfANewCollectionAreInitializingBeforeTheyTurnActive() {
        try (QdrantPods slow = new QdrantPods(SimulatedQdrantSettings.defaults().withRetryInterval(Duration.ofMillis(400)))) {
            slow.startCluster("slow", 1);
            QdrantHttp node = slow.http("slow", 0);
            assertThat(node.put("/collections/docs", "{\"shard_number\":2}").status()).isEqualTo(200);

            assertThat(node.get("/collections/docs/cluster").result().get("local_shards"))
                    .hasSize(2).allSatisfy(s -> assertThat(s.get("state").asText()).isEqualTo("Initializing"));
            await().atMost(Duration.ofSeconds(3)).until(() -> node.get("/collections/docs/cluster").result().get("local_shards")
                    .findValuesAsText("state").equals(java.util.List.of("Active", "Active")));
        }
    }

    @Test
    void collectionLifecycleErrorsLookLikeQdrant() {
        pods.startCluster("alpha", 1);
        QdrantHttp node = pods.http("alpha", 0);
        assertThat(node.put("/collections/docs", "{\"shard_number\":2}").status()).isEqualTo(200);

        QdrantHttp.Response duplicate = node.put("/collections/docs", "{\"shard_number\":2}");
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.json().get("status").get("error").asText())
                .isEqualTo("Bad request: Wrong input: Collection `docs` already exists!");
        assertThat(node.put("/collections/bad", "{\"shard_number\":0}").status()).isEqualTo(400);
        assertThat(node.put("/collections/bad", "{not json").status()).isEqualTo(400);

        assertThat(node.delete("/collections/docs").result().asBoolean()).isTrue();
        QdrantHttp.Response gone = node.get("/collections/docs");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("status").get("error").asText()).isEqualTo("Not found: Collection `docs` doesn't exist!");
        assertThat(node.delete("/collections/docs").result().asBoolean()).isFalse();
        assertThat(node.get("/no/such/endpoint").status()).isEqualTo(404);
    }

    @Test
    void pointsCountCountsEachShardOnce() {
        SimulatedQdrantCluster cluster = pods.seededCluster("alpha", 3, 4, 3, 1_000);
        cluster.upsert("docs", 10);

        assertThat(pods.http("alpha", 2).post("/collections/docs/points/count", "{\"exact\":true}").result().get("count").asLong())
                .isEqualTo(1_010);
    }

    @Test
    void telemetryReportsAppCollectionsAndClusterPeers() {
        pods.seededCluster("alpha", 3, 3, 1, 30);

        JsonNode telemetry = pods.http("alpha", 0).get("/telemetry").result();

        assertThat(telemetry.get("app").get("name").asText()).isEqualTo("qdrant");
        assertThat(telemetry.get("app").get("version").asText()).isEqualTo("1.12.3");
        assertThat(telemetry.get("collections").get("number_of_collections").asInt()).isEqualTo(1);
        JsonNode collection = telemetry.get("collections").get("collections").get(0);
        assertThat(collection.get("id").asText()).isEqualTo("docs");
        assertThat(collection.get("shards")).hasSize(3);
        assertThat(telemetry.get("cluster").get("enabled").asBoolean()).isTrue();
        assertThat(telemetry.get("cluster").get("status").get("number_of_peers").asInt()).isEqualTo(3);
        assertThat(telemetry.get("cluster").get("status").get("role").asText()).isEqualTo("Leader");
        assertThat(telemetry.get("cluster").get("peers")).hasSize(3);
    }

    @Test
    void metricsArePrometheusTextWithQdrantNames() {
        pods.seededCluster("alpha", 3, 3, 1, 30);
        qdrant.crash(NAMESPACE, "alpha-2");

        QdrantHttp.Response metrics = pods.http("alpha", 0).get("/metrics");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("# TYPE app_info gauge\napp_info{name=\"qdrant\",version=\"1.12.3\"} 1\n")
                .contains("\ncollections_total 1\n")
                .contains("\ncluster_enabled 1\n")
                .contains("\ncluster_peers_total 3\n")
                .contains("\ncollections_vector_total 30\n")
                .contains("\ncluster_pending_operations_total 0\n")
                .doesNotContain("collection_points", "collection_shard_replicas");
    }
}
