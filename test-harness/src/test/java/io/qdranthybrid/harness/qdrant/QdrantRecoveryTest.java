package io.qdranthybrid.harness.qdrant;

import io.qdranthybrid.harness.runtime.RunningContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.qdranthybrid.harness.qdrant.QdrantPods.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class QdrantRecoveryTest {

    @RegisterExtension
    final QdrantPods pods = new QdrantPods();
    private final SimulatedQdrant qdrant = pods.qdrant();

    @Test
    void crashExitsNonZeroAndARestartOnTheSameVolumeComesBackAsTheSamePeerWithItsShards() throws Exception {
        RunningContainer victim = pods.startCluster("alpha", 3).get(1);
        SimulatedQdrantCluster cluster = qdrant.cluster(NAMESPACE, "alpha");
        cluster.seedCollection("docs", 3, 2, 900);
        long peer = pods.peerId("alpha", 1);
        var shardsBefore = cluster.placement("docs").shardsOn(peer);

        qdrant.crash(NAMESPACE, "alpha-1");

        assertThat(victim.exited().toCompletableFuture().get(2, TimeUnit.SECONDS)).isEqualTo(QdrantNode.CRASH_EXIT_CODE);
        assertThat(qdrant.endpoint(NAMESPACE, "alpha-1")).isEmpty();
        // As in real Qdrant the crashed peer's replicas stay Active until a write to them fails.
        assertThat(cluster.placement("docs").shards()).allSatisfy(s -> assertThat(s.replicas())
                .allSatisfy(r -> assertThat(r.state()).isEqualTo(ReplicaState.Active)));
        cluster.upsert("docs", 30);
        assertThat(cluster.placement("docs").shards()).allSatisfy(s -> assertThat(s.replicas())
                .allSatisfy(r -> assertThat(r.state()).isEqualTo(r.peerId() == peer ? ReplicaState.Dead : ReplicaState.Active)));
        assertThat(pods.http("alpha", 0).get("/collections/docs").result().get("status").asText()).isEqualTo("yellow");

        pods.start("alpha", 1);
        pods.awaitReady("alpha", 1);

        assertThat(pods.peerId("alpha", 1)).isEqualTo(peer);
        assertThat(cluster.placement("docs").shardsOn(peer)).isEqualTo(shardsBefore);
        // The replicas that missed the write are recovered from an Active one.
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.placement("docs").shards().stream()
                .allMatch(s -> s.replicas().stream().allMatch(r -> r.state() == ReplicaState.Active)));
        assertThat(pods.http("alpha", 1).get("/collections/docs/cluster").result().get("local_shards"))
                .allSatisfy(local -> assertThat(local.get("points_count").asLong()).isEqualTo(310));
        qdrant.assertNoDataLost();
    }

    @Test
    void stopCompletesExitedWithZeroAndIsIdempotent() throws Exception {
        RunningContainer node = pods.startCluster("alpha", 1).get(0);
        node.stop();
        node.stop();
        assertThat(node.exited().toCompletableFuture().get(2, TimeUnit.SECONDS)).isZero();
        assertThatThrownBy(() -> qdrant.crash(NAMESPACE, "alpha-0")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no running Qdrant container");
    }

    @Test
    void replicaThatMissedWritesWhileDownIsRecoveredByATransferWhenItReturns() {
        SimulatedQdrantCluster cluster = pods.seededCluster("alpha", 3, 1, 3, 100);
        long returning = pods.peerId("alpha", 2);
        qdrant.crash(NAMESPACE, "alpha-2");

        cluster.upsert("docs", 50);
        pods.start("alpha", 2);
        pods.awaitReady("alpha", 2);

        await().atMost(Duration.ofSeconds(5)).until(() -> cluster.placement("docs").shard(0).peersIn(ReplicaState.Active).size() == 3);
        assertThat(cluster.placement("docs").shard(0).replicas()).filteredOn(r -> r.peerId() == returning)
                .singleElement().satisfies(r -> assertThat(r.points()).isEqualTo(150));
        qdrant.assertNoDataLost();
    }

    @Test
    void upsertFailsWhenAShardHasNoReachableActiveReplica() {
        SimulatedQdrantCluster cluster = pods.seededCluster("alpha", 2, 2, 1, 10);
        qdrant.crash(NAMESPACE, "alpha-1");

        assertThatThrownBy(() -> cluster.upsert("docs", 10)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has no reachable Active replica");
        assertThat(cluster.placement("docs").shards()).extracting(ShardPlacement::writtenPoints).containsExactly(5L, 5L);
    }

    @Test
    void newVolumeForAPodIsANewEmptyPeer() {
        pods.startCluster("alpha", 3);
        long old = pods.peerId("alpha", 1);
        qdrant.crash(NAMESPACE, "alpha-1");

        pods.startOn("alpha", 1, "pv-alpha-1-replacement");
        pods.awaitReady("alpha", 1);

        assertThat(pods.peerId("alpha", 1)).isNotEqualTo(old);
        assertThat(qdrant.cluster(NAMESPACE, "alpha").peerIds()).hasSize(4).contains(old);
    }

    @Test
    void aNewPeerCannotJoinWhileConsensusHasNoMajority() {
        pods.startCluster("alpha", 2);
        qdrant.crash(NAMESPACE, "alpha-1");

        pods.startOn("alpha", 1, "pv-alpha-1-replacement");

        // The first attempt to join and its retry both failed for want of a majority. Still joining, it answers
        // nothing, as real Qdrant before its REST port opens, and is no peer yet.
        await().atMost(Duration.ofSeconds(5)).until(() -> qdrant.joinAttempts(NAMESPACE, "alpha-1") >= 2);
        assertThatThrownBy(() -> pods.http("alpha", 1).get("/readyz")).isInstanceOf(java.io.UncheckedIOException.class);
        assertThat(qdrant.cluster(NAMESPACE, "alpha").peerIds()).hasSize(2);
    }
}
