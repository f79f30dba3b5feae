package io.qdranthybrid.harness.qdrant;

import io.qdranthybrid.harness.runtime.ContainerLaunch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Where the simulated node follows what differs between real Qdrant releases, or what real Qdrant does under load. */
class QdrantReleaseDifferencesTest {

    @RegisterExtension
    final QdrantPods pods = new QdrantPods();
    private final SimulatedQdrant qdrant = pods.qdrant();

    /** Starts {@code size} nodes of {@code image} and seeds "docs": 2 shards, each on every node but the last one. */
    private SimulatedQdrantCluster cluster(String id, String image) {
        for (int ordinal = 0; ordinal < 3; ordinal++) {
            ContainerLaunch base = QdrantPods.launch(id, ordinal, QdrantPods.volume(id, ordinal), Map.of(), Map.of());
            qdrant.start(new ContainerLaunch(base.namespace(), base.podName(), base.podUid(), base.podLabels(), image,
                    base.args(), base.env(), base.files(), base.volumes(), 0));
            pods.awaitReady(id, ordinal);
        }
        SimulatedQdrantCluster cluster = qdrant.cluster(QdrantPods.NAMESPACE, id);
        cluster.seedCollection("docs", 3, 2, 30_000);
        return cluster;
    }

    private String dropWhileAnotherShardOfThePeerMoves(String id, String image) {
        SimulatedQdrantCluster cluster = cluster(id, image);
        long peer = pods.peerId(id, 1);
        CollectionPlacement placement = cluster.placement("docs");
        List<Integer> onPeer = placement.shardsOn(peer);
        int moving = onPeer.get(0);
        int dropping = onPeer.get(1);
        long target = cluster.peerIds().stream().filter(p -> !placement.shard(moving).peersIn(ReplicaState.Active).contains(p))
                .findFirst().orElseThrow();
        qdrant.setTransferSpeed(10);
        try {
            QdrantHttp node = pods.http(id, 0);
            assertThat(node.post("/collections/docs/cluster", "{\"move_shard\":{\"shard_id\":" + moving
                    + ",\"from_peer_id\":" + peer + ",\"to_peer_id\":" + target + "}}").status()).isEqualTo(200);
            assertThat(node.post("/collections/docs/cluster", "{\"drop_replica\":{\"shard_id\":" + dropping
                    + ",\"peer_id\":" + peer + "}}").status()).isEqualTo(200);
            return cluster.abortedTransfers().isEmpty() ? "transfer kept" : "transfer aborted";
        } finally {
            qdrant.setTransferSpeed(100_000);
        }
    }

    @Test
    void upToV1162DroppingAReplicaAbortsThePeersOtherTransfersInTheCollection() {
        assertThat(dropWhileAnotherShardOfThePeerMoves("old", "qdrant/qdrant:v1.13.6")).isEqualTo("transfer aborted");
    }

    @Test
    void fromV1163DroppingAReplicaAbortsOnlyThatShardsTransfers() {
        assertThat(dropWhileAnotherShardOfThePeerMoves("new", "qdrant/qdrant:v1.17.0")).isEqualTo("transfer kept");
    }

    @Test
    void aChangeCommittedAfterQdrantStoppedWaitingIsAnsweredWithItsServiceErrorAndStillLands() {
        SimulatedQdrantCluster cluster = cluster("late", "qdrant/qdrant:v1.17.0");
        long peer = pods.peerId("late", 1);
        int shard = cluster.placement("docs").shardsOn(peer).get(0);
        cluster.delayCommits(Duration.ofSeconds(3));

        QdrantHttp.Response answer = pods.http("late", 0).post("/collections/docs/cluster?timeout=1",
                "{\"drop_replica\":{\"shard_id\":" + shard + ",\"peer_id\":" + peer + "}}");

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.json().get("status").get("error").asText())
                .isEqualTo("Service internal error: Waiting for consensus operation commit failed. Timeout set at: 1 seconds");
        assertThat(pods.http("late", 0).get("/cluster").result().get("raft_info").get("pending_operations").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> !cluster.placement("docs").shardsOn(peer).contains(shard));
        assertThat(cluster.pendingOperations()).isZero();
        assertThat(cluster.failedProposals()).isEmpty();
    }
}
