package io.qdranthybrid.harness.qdrant;

import com.fasterxml.jackson.databind.JsonNode;
import io.qdranthybrid.harness.qdrant.ShardTransferStatus.TransferKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static io.qdranthybrid.harness.qdrant.QdrantPods.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class QdrantShardTransferTest {

    @RegisterExtension
    final QdrantPods pods = new QdrantPods(SimulatedQdrantSettings.defaults()
            .withTransferPointsPerSecond(2_000)
            .withTransferStallTimeout(Duration.ofMillis(600)));
    private final SimulatedQdrant qdrant = pods.qdrant();

    /** Three peers; collection "docs" with 3 shards x 1 replica, 1,000 points each, shard i on peer i. */
    private SimulatedQdrantCluster seededCluster() {
        return pods.seededCluster("alpha", 3, 3, 1, 3_000);
    }

    private static String move(int shard, long from, long to) {
        return "{\"move_shard\":{\"shard_id\":" + shard + ",\"from_peer_id\":" + from + ",\"to_peer_id\":" + to + "}}";
    }

    private static String localState(QdrantHttp node, int shard) {
        for (JsonNode local : node.get("/collections/docs/cluster").result().get("local_shards")) {
            if (local.get("shard_id").asInt() == shard) {
                return local.get("state").asText();
            }
        }
        return "absent";
    }

    @Test
    void moveShardShowsPartialTargetThenActivatesItAndDropsTheSource() {
        SimulatedQdrantCluster cluster = seededCluster();
        long source = pods.peerId("alpha", 0);
        long target = pods.peerId("alpha", 1);
        assertThat(cluster.placement("docs").shard(0).peers()).containsExactly(source);

        QdrantHttp.Response accepted = pods.http("alpha", 2).post("/collections/docs/cluster", move(0, source, target));
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.result().asBoolean()).isTrue();

        QdrantHttp targetNode = pods.http("alpha", 1);
        assertThat(localState(targetNode, 0)).isEqualTo("Partial");
        JsonNode transfer = targetNode.get("/collections/docs/cluster").result().get("shard_transfers").get(0);
        assertThat(transfer.get("shard_id").asInt()).isZero();
        assertThat(transfer.get("from").asLong()).isEqualTo(source);
        assertThat(transfer.get("to").asLong()).isEqualTo(target);
        assertThat(transfer.get("sync").asBoolean()).isFalse();
        assertThat(transfer.get("method").asText()).isEqualTo("stream_records");

        await().atMost(Duration.ofSeconds(5)).until(() -> localState(targetNode, 0).equals("Active"));
        assertThat(localState(pods.http("alpha", 0), 0)).isEqualTo("absent");
        assertThat(cluster.placement("docs").shard(0).replicas())
                .singleElement().satisfies(r -> assertThat(r.points()).isEqualTo(1_000));
        assertThat(targetNode.get("/collections/docs/cluster").result().get("shard_transfers")).isEmpty();
        assertThat(targetNode.get("/collections/docs").result().get("points_count").asLong()).isEqualTo(3_000);
        cluster.assertNoDataLost();
    }

    @Test
    void replicateShardAddsAnActiveReplicaAndKeepsTheSource() {
        SimulatedQdrantCluster cluster = seededCluster();
        long source = pods.peerId("alpha", 0);
        long target = pods.peerId("alpha", 2);

        assertThat(pods.http("alpha", 0).post("/collections/docs/cluster",
                "{\"replicate_shard\":{\"shard_id\":0,\"from_peer_id\":" + source + ",\"to_peer_id\":" + target + "}}").status())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(5))
                .until(() -> cluster.placement("docs").shard(0).peersIn(ReplicaState.Active).size() == 2);
        assertThat(cluster.placement("docs").shard(0).peers()).containsExactlyInAnyOrder(source, target);
    }

    @Test
    void requestedTransferMethodIsReportedAndUnknownMethodsAreRefused() {
        seededCluster();
        long p0 = pods.peerId("alpha", 0);
        long p1 = pods.peerId("alpha", 1);
        QdrantHttp node = pods.http("alpha", 0);

        QdrantHttp.Response unknown = node.post("/collections/docs/cluster", "{\"replicate_shard\":{\"shard_id\":0,\"from_peer_id\":"
                + p0 + ",\"to_peer_id\":" + p1 + ",\"method\":\"teleport\"}}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("status").get("error").asText()).contains("unknown variant `teleport`");

        assertThat(node.post("/collections/docs/cluster", "{\"replicate_shard\":{\"shard_id\":0,\"from_peer_id\":"
                + p0 + ",\"to_peer_id\":" + p1 + ",\"method\":\"snapshot\"}}").status()).isEqualTo(200);
        JsonNode transfer = node.get("/collections/docs/cluster").result().get("shard_transfers").get(0);
        assertThat(transfer.get("method").asText()).isEqualTo("snapshot");
        assertThat(transfer.get("sync").asBoolean()).isTrue();
    }

    @Test
    void invalidTransfersAreRefusedWithQdrantErrors() {
        seededCluster();
        long p0 = pods.peerId("alpha", 0);
        long p1 = pods.peerId("alpha", 1);
        QdrantHttp node = pods.http("alpha", 0);

        QdrantHttp.Response notThere = node.post("/collections/docs/cluster", move(1, p0, p1));
        assertThat(notThere.status()).isEqualTo(400);
        assertThat(notThere.json().get("status").get("error").asText()).isEqualTo("Bad request: Shard 1 does not exist on peer " + p0);

        assertThat(node.post("/collections/docs/cluster", move(0, p0, 12345)).status()).isEqualTo(400);
        assertThat(node.post("/collections/docs/cluster", move(7, p0, p1)).status()).isEqualTo(400);
        assertThat(node.post("/collections/missing/cluster", move(0, p0, p1)).status()).isEqualTo(404);
        assertThat(node.post("/collections/docs/cluster", "{\"move_shard\":{\"shard_id\":0}}").json()
                .get("status").get("error").asText()).contains("missing field `from_peer_id`");

        assertThat(node.post("/collections/docs/cluster", move(0, p0, p1)).status()).isEqualTo(200);
        QdrantHttp.Response concurrent = node.post("/collections/docs/cluster", move(0, p0, pods.peerId("alpha", 2)));
        assertThat(concurrent.status()).isEqualTo(400);
        assertThat(concurrent.json().get("status").get("error").asText()).contains("already involved in transfer");
    }

    @Test
    void slowTransferProgressesOnlyAsFastAsConfiguredUntilSpedUp() {
        SimulatedQdrantCluster cluster = seededCluster();
        qdrant.setTransferSpeed(50);
        long source = pods.peerId("alpha", 0);
        long target = pods.peerId("alpha", 1);
        long asked = System.nanoTime();
        pods.http("alpha", 0).post("/collections/docs/cluster", move(0, source, target));

        // Some points arrived; never more than the speed allows for the time since the move was asked.
        await().atMost(Duration.ofSeconds(5)).until(() -> cluster.transfers().size() == 1
                && cluster.transfers().get(0).pointsTransferred() > 0);
        long transferred = cluster.transfers().get(0).pointsTransferred();
        double seconds = (System.nanoTime() - asked) / 1e9;
        assertThat(transferred).as("points copied in %.2f s at 50 points/s", seconds).isLessThanOrEqualTo((long) (50 * seconds) + 1);
        assertThat(cluster.transfers()).as("the transfer still running").hasSize(1);
        assertThat(pods.http("alpha", 1).get("/collections/docs/cluster").result()
                .get("shard_transfers").get(0).get("comment").asText()).startsWith("Transferring records (");

        qdrant.setTransferSpeed(1_000_000);
        await().atMost(Duration.ofSeconds(5)).until(() -> cluster.transfers().isEmpty());
        assertThat(cluster.placement("docs").shard(0).peersIn(ReplicaState.Active)).containsExactly(target);
    }

    @Test
    void transferToAPartitionedPeerStallsAndIsAbortedAfterTheTimeout() {
        SimulatedQdrantCluster cluster = seededCluster();
        long source = pods.peerId("alpha", 0);
        long target = pods.peerId("alpha", 1);
        pods.http("alpha", 0).post("/collections/docs/cluster", move(0, source, target));
        qdrant.partition(NAMESPACE, "alpha-1");

        await().atMost(Duration.ofSeconds(5)).until(() -> !cluster.abortedTransfers().isEmpty());
        ShardTransferStatus aborted = cluster.abortedTransfers().get(0);
        assertThat(aborted.kind()).isEqualTo(TransferKind.MOVE);
        assertThat(aborted.pointsTransferred()).isLessThan(1_000);
        assertThat(aborted.reason()).contains("peer " + target + " is unreachable");
        assertThat(cluster.placement("docs").shard(0).peers()).containsExactly(source);
        assertThat(pods.http("alpha", 0).get("/collections/docs/cluster").result().get("shard_transfers")).isEmpty();
        cluster.assertNoDataLost();
    }

    @Test
    void abortingATransferThatDoesNotExistIsNotFound() {
        seededCluster();
        long source = pods.peerId("alpha", 0);
        long target = pods.peerId("alpha", 1);

        QdrantHttp.Response abort = pods.http("alpha", 0).post("/collections/docs/cluster",
                "{\"abort_transfer\":{\"shard_id\":0,\"from_peer_id\":" + source + ",\"to_peer_id\":" + target + "}}");

        assertThat(abort.status()).as("real Qdrant answers 404 for an unknown transfer, not 400").isEqualTo(404);
    }

    @Test
    void abortTransferRemovesThePartialReplica() {
        SimulatedQdrantCluster cluster = seededCluster();
        qdrant.setTransferSpeed(10);
        long source = pods.peerId("alpha", 0);
        long target = pods.peerId("alpha", 1);
        QdrantHttp node = pods.http("alpha", 0);
        node.post("/collections/docs/cluster", move(0, source, target));

        QdrantHttp.Response abort = node.post("/collections/docs/cluster",
                "{\"abort_transfer\":{\"shard_id\":0,\"from_peer_id\":" + source + ",\"to_peer_id\":" + target + "}}");

        assertThat(abort.status()).isEqualTo(200);
        assertThat(cluster.transfers()).isEmpty();
        assertThat(cluster.placement("docs").shard(0).peers()).containsExactly(source);
        assertThat(cluster.abortedTransfers()).singleElement()
                .satisfies(t -> assertThat(t.reason()).isEqualTo("aborted by user request"));
    }
}
