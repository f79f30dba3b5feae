package io.qdranthybrid.harness.qdrant;

import io.qdranthybrid.harness.qdrant.DataLossViolation.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static io.qdranthybrid.harness.qdrant.QdrantPods.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class QdrantPeerRemovalTest {

    @RegisterExtension
    final QdrantPods pods = new QdrantPods();
    private final SimulatedQdrant qdrant = pods.qdrant();

    @Test
    void peerRemovalIsRefusedWhileThePeerHoldsShardsAndAcceptedAfterDrain() {
        SimulatedQdrantCluster cluster = pods.seededCluster("alpha", 3, 3, 1, 600);
        long leaving = pods.peerId("alpha", 2);
        long keeper = pods.peerId("alpha", 0);
        QdrantHttp node = pods.http("alpha", 0);

        QdrantHttp.Response refused = node.delete("/cluster/peer/" + leaving);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("status").get("error").asText())
                .isEqualTo("Bad request: Cannot remove peer " + leaving + " as there are shards on it");

        for (int shard : cluster.placement("docs").shardsOn(leaving)) {
            assertThat(node.post("/collections/docs/cluster", "{\"move_shard\":{\"shard_id\":" + shard
                    + ",\"from_peer_id\":" + leaving + ",\"to_peer_id\":" + keeper + "}}").status()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> cluster.placement("docs").shardsOn(leaving).isEmpty()
                && cluster.transfers().isEmpty());

        QdrantHttp.Response accepted = node.delete("/cluster/peer/" + leaving);
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(node.get("/cluster").result().get("peers").has(Long.toString(leaving))).isFalse();
        assertThat(pods.http("alpha", 2).get("/readyz").status()).isEqualTo(503);
        assertThat(node.get("/collections/docs").result().get("points_count").asLong()).isEqualTo(600);
        qdrant.assertNoDataLost();
    }

    @Test
    void removingAnUnknownPeerSucceedsAsInRealQdrant() {
        pods.startCluster("alpha", 1);
        QdrantHttp.Response removal = pods.http("alpha", 0).delete("/cluster/peer/42");
        assertThat(removal.status()).isEqualTo(200);
        assertThat(removal.result().asBoolean()).isTrue();
        assertThat(qdrant.cluster(NAMESPACE, "alpha").peerIds()).hasSize(1);
    }

    @Test
    void forcedRemovalOfAPeerHoldingTheLastReplicaIsRecordedAsDataLoss() {
        SimulatedQdrantCluster cluster = pods.seededCluster("alpha", 3, 3, 1, 300);
        long doomed = pods.peerId("alpha", 1);
        int lostShard = cluster.placement("docs").shardsOn(doomed).get(0);

        assertThat(pods.http("alpha", 0).delete("/cluster/peer/" + doomed + "?force=true").status()).isEqualTo(200);

        assertThat(cluster.violations()).extracting(DataLossViolation::kind)
                .containsExactlyInAnyOrder(Kind.LAST_REPLICA_LOST, Kind.POINTS_LOST);
        assertThat(qdrant.violations()).allSatisfy(v -> {
            assertThat(v.collection()).isEqualTo("docs");
            assertThat(v.shardId()).isEqualTo(lostShard);
            assertThat(v.cause()).isEqualTo("removal of peer " + doomed + " with force=true");
        });
        assertThatThrownBy(qdrant::assertNoDataLost)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("2 data-safety violation(s)")
                .hasMessageContaining("collection docs shard " + lostShard + ": LAST_REPLICA_LOST")
                .hasMessageContaining("best active replica holds 0 of 100 written points");
    }

    @Test
    void forcedRemovalOfAReplicatedPeerLosesNothing() {
        SimulatedQdrantCluster cluster = pods.seededCluster("alpha", 3, 3, 2, 300);

        assertThat(pods.http("alpha", 0).delete("/cluster/peer/" + pods.peerId("alpha", 1) + "?force=true").status())
                .isEqualTo(200);

        qdrant.assertNoDataLost();
        assertThat(pods.http("alpha", 0).get("/collections/docs").result().get("points_count").asLong()).isEqualTo(300);
    }

    @Test
    void droppingTheLastActiveReplicaIsRefusedButAnExtraReplicaCanBeDropped() {
        SimulatedQdrantCluster cluster = pods.seededCluster("alpha", 2, 1, 2, 50);
        long p0 = pods.peerId("alpha", 0);
        long p1 = pods.peerId("alpha", 1);
        QdrantHttp node = pods.http("alpha", 0);

        assertThat(node.post("/collections/docs/cluster", "{\"drop_replica\":{\"shard_id\":0,\"peer_id\":" + p1 + "}}").status())
                .isEqualTo(200);
        QdrantHttp.Response refused = node.post("/collections/docs/cluster",
                "{\"drop_replica\":{\"shard_id\":0,\"peer_id\":" + p0 + "}}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("status").get("error").asText()).contains("must have at least one active replica");
        assertThat(cluster.placement("docs").shard(0).peers()).containsExactly(p0);
        qdrant.assertNoDataLost();
    }

    @Test
    void forcedRemovalLeavingOnlyAStaleReplicaIsRecordedAsLostPoints() {
        SimulatedQdrantCluster cluster = pods.seededCluster("alpha", 3, 1, 2, 100);
        // Shard 0 lives on alpha-0 and alpha-1; alpha-1 misses a write while partitioned and turns Dead.
        long fresh = pods.peerId("alpha", 0);
        qdrant.partition(NAMESPACE, "alpha-1");
        cluster.upsert("docs", 20);
        assertThat(cluster.placement("docs").shard(0).peersIn(ReplicaState.Dead)).containsExactly(pods.peerId("alpha", 1));

        assertThat(pods.http("alpha", 2).delete("/cluster/peer/" + fresh + "?force=true").status()).isEqualTo(200);

        assertThat(cluster.violations()).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(Kind.POINTS_LOST);
            assertThat(v.detail()).isEqualTo("best active replica holds 0 of 120 written points");
        });
    }
}
