package io.qdranthybrid.harness.qdrant;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;

import static io.qdranthybrid.harness.qdrant.QdrantPods.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The replica states beyond Active, Partial, Dead and Initializing, each produced by the simulated node in the
 * situation real Qdrant produces it, and reported over REST as Qdrant reports them.
 */
class QdrantReplicaStatesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final QdrantPods pods = new QdrantPods();

    private final SimulatedQdrant qdrant = pods.qdrant();

    @Test
    void aSnapshotTransferFillsARecoveryReplicaThatTurnsActive() {
        SimulatedQdrantCluster cluster = pods.seededCluster("alpha", 2, 1, 1, 2_000);
        qdrant.setTransferSpeed(1_000);
        long source = pods.peerId("alpha", 0);
        long target = pods.peerId("alpha", 1);

        assertThat(pods.http("alpha", 0).post("/collections/docs/cluster", "{\"replicate_shard\":{\"shard_id\":0,\"from_peer_id\":"
                + source + ",\"to_peer_id\":" + target + ",\"method\":\"snapshot\"}}").status()).isEqualTo(200);

        assertThat(remoteState(pods.http("alpha", 0), 0, target)).isEqualTo("Recovery");
        cluster.upsert("docs", 10); // a Recovery replica takes no regular writes; the transfer brings them
        qdrant.setTransferSpeed(100_000);
        await().atMost(WAIT).until(() -> "Active".equals(remoteState(pods.http("alpha", 0), 0, target)));
        assertThat(cluster.placement("docs").shard(0).replicas()).allSatisfy(r -> assertThat(r.points()).isEqualTo(2_010));
        cluster.assertNoDataLost();
    }

    @Test
    void aListenerNodeHoldsListenerReplicasThatTakeWritesButAreNotActive() {
        pods.startCluster("alpha", 1);
        pods.startReady("alpha", 1, QdrantPods.IMAGE, Map.of("QDRANT__STORAGE__NODE_TYPE", "Listener"));
        QdrantHttp node = pods.http("alpha", 0);
        long listener = pods.peerId("alpha", 1);

        assertThat(node.put("/collections/docs", "{\"vectors\":{\"size\":4,\"distance\":\"Cosine\"},\"shard_number\":1,"
                + "\"replication_factor\":2}").status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> "Listener".equals(remoteState(node, 0, listener)));
        SimulatedQdrantCluster cluster = qdrant.cluster(NAMESPACE, "alpha");
        cluster.upsert("docs", 50);

        assertThat(cluster.placement("docs").shard(0).peersIn(ReplicaState.Listener)).containsExactly(listener);
        assertThat(cluster.placement("docs").shard(0).replicas()).allSatisfy(r -> assertThat(r.points()).isEqualTo(50));
        assertThat(node.get("/collections/docs").result().get("status").asText()).as("a listener is no active copy")
                .isEqualTo("yellow");
    }

    @Test
    void reshardingUpFillsAReshardingShardThatServesReadsFirstAndThenBecomesAnActiveShard() {
        SimulatedQdrantCluster cluster = pods.seededCluster("alpha", 3, 2, 1, 3_000);
        qdrant.setTransferSpeed(300);

        cluster.startResharding("docs", ReshardingDirection.UP);

        assertThat(cluster.placement("docs").shard(2).replicas()).singleElement()
                .satisfies(r -> assertThat(r.state()).isEqualTo(ReplicaState.Resharding));
        JsonNode transfer = pods.http("alpha", 0).get("/collections/docs/cluster").result().get("shard_transfers").get(0);
        assertThat(transfer.get("to_shard_id").asInt()).isEqualTo(2);
        assertThat(transfer.get("method").asText()).isEqualTo("resharding_stream_records");
        await().atMost(WAIT).until(() -> cluster.placement("docs").shard(2).peersIn(ReplicaState.ActiveRead).size() == 1);
        qdrant.setTransferSpeed(100_000);
        await().atMost(WAIT).until(() -> cluster.placement("docs").shardNumber() == 3);

        assertThat(cluster.placement("docs").shard(2).peersIn(ReplicaState.Active)).hasSize(1);
        assertThat(pods.http("alpha", 0).post("/collections/docs/points/count", "{}").result().get("count").asLong())
                .isEqualTo(3_000);
        cluster.assertNoDataLost();
    }

    @Test
    void reshardingDownFillsAReshardingScaleDownReplicaThatStaysActiveForReadsAndRemovesTheLastShard() {
        SimulatedQdrantCluster cluster = pods.seededCluster("alpha", 3, 3, 1, 3_000);
        qdrant.setTransferSpeed(300);

        cluster.startResharding("docs", ReshardingDirection.DOWN);

        assertThat(cluster.placement("docs").shard(0).peersIn(ReplicaState.ReshardingScaleDown)).hasSize(1);
        assertThat(pods.http("alpha", 0).get("/collections/docs").result().get("status").asText())
                .as("ReshardingScaleDown counts as active").isEqualTo("green");
        qdrant.setTransferSpeed(100_000);
        await().atMost(WAIT).until(() -> cluster.placement("docs").shardNumber() == 2);

        assertThat(cluster.placement("docs").shards()).allSatisfy(s -> assertThat(s.peersIn(ReplicaState.Active)).hasSize(1));
        assertThat(pods.http("alpha", 0).post("/collections/docs/points/count", "{}").result().get("count").asLong())
                .isEqualTo(3_000);
        cluster.assertNoDataLost();
    }

    @Test
    void fromV1164AShardSnapshotRecoveryIsManualRecoveryThatNothingRecoversAutomatically() {
        SimulatedQdrantCluster cluster = twoReplicasOn("qdrant/qdrant:v1.17.0");
        long recovering = pods.peerId("alpha", 1);

        cluster.beginShardSnapshotRecovery("docs", 0, recovering);

        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() ->
                "ManualRecovery".equals(remoteState(pods.http("alpha", 0), 0, recovering)) && cluster.transfers().isEmpty());
        cluster.upsert("docs", 20);
        cluster.finishShardSnapshotRecovery("docs", 0, recovering);
        assertThat(cluster.placement("docs").shard(0).peersIn(ReplicaState.Active)).hasSize(2);
        cluster.assertNoDataLost();
    }

    @Test
    void beforeV1164AShardSnapshotRecoveryIsPartial() {
        SimulatedQdrantCluster cluster = twoReplicasOn("qdrant/qdrant:v1.13.6");

        cluster.beginShardSnapshotRecovery("docs", 0, pods.peerId("alpha", 1));

        assertThat(cluster.placement("docs").shard(0).peersIn(ReplicaState.Partial)).containsExactly(pods.peerId("alpha", 1));
    }

    /** Two nodes of {@code image} with one shard of "docs" replicated on both. */
    private SimulatedQdrantCluster twoReplicasOn(String image) {
        pods.startReady("alpha", 0, image, Map.of());
        pods.startReady("alpha", 1, image, Map.of());
        SimulatedQdrantCluster cluster = qdrant.cluster(NAMESPACE, "alpha");
        cluster.seedCollection("docs", 1, 2, 500);
        return cluster;
    }

    /** The state of {@code peer}'s replica of {@code shard} as {@code node} reports it. */
    private static String remoteState(QdrantHttp node, int shard, long peer) {
        JsonNode info = node.get("/collections/docs/cluster").result();
        for (JsonNode remote : info.get("remote_shards")) {
            if (remote.get("shard_id").asInt() == shard && remote.get("peer_id").asLong() == peer) {
                return remote.get("state").asText();
            }
        }
        return "";
    }
}
