package io.qdranthybrid.e2e;

import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.harness.controlplane.ClusterView;
import io.qdranthybrid.harness.controlplane.NewCluster;
import io.qdranthybrid.harness.junit.HybridCloudTest;
import io.qdranthybrid.harness.qdrant.CollectionPlacement;
import io.qdranthybrid.harness.qdrant.SimulatedQdrantCluster;
import io.qdranthybrid.harness.stack.HybridEnvironment;
import io.qdranthybrid.harness.timeline.Timeline;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Scaling through the control plane with data that has a single copy: nothing may be lost on the way. */
@HybridCloudTest
class ScaleTest {

    private static final int SHARDS = 6;
    private static final long POINTS = 6_000;

    @Test
    void scaleUpRebalancesShardsAndScaleDownDrainsThemLosingNoPoint(HybridEnvironment env, Timeline timeline) {
        env.createCluster(NewCluster.of("catalog", 1, "v1.12.3"));
        env.awaitCluster("catalog", ClusterPhase.HEALTHY, Waits.CONVERGE);
        SimulatedQdrantCluster qdrant = env.qdrant("catalog");
        qdrant.seedCollection("docs", SHARDS, 1, POINTS);
        timeline.mark("seeded docs: " + SHARDS + " shards at replication factor 1, " + POINTS + " points");

        try (Sampler<Set<Integer>> unserved = Sampler.every(Duration.ofMillis(20), "shards of docs without a live replica",
                () -> LiveReplicas.shardsWithoutOne(qdrant, "docs"), timeline)) {
            env.controlPlane().clusters().scale(env.id(), "catalog", 3);
            ClusterView up = env.awaitCluster("catalog", ClusterPhase.HEALTHY, Waits.CONVERGE);

            assertThat(up.nodesReady()).isEqualTo(3);
            List<Long> peers = qdrant.peerIds();
            assertThat(peers).hasSize(3);
            CollectionPlacement spread = qdrant.placement("docs");
            // Rebalanced by shard count: six single-copy shards over three peers, two each.
            peers.forEach(peer -> assertThat(spread.shardsOn(peer)).as("shards on peer %d", peer).hasSize(2));
            assertThat(spread.shards()).allSatisfy(shard -> assertThat(shard.replicas()).hasSize(1));
            timeline.mark("docs spread over 3 peers");

            env.controlPlane().clusters().scale(env.id(), "catalog", 1);
            ClusterView down = env.awaitCluster("catalog", ClusterPhase.HEALTHY, Waits.CONVERGE);

            assertThat(down.nodesReady()).isEqualTo(1);
            assertThat(qdrant.peerIds()).hasSize(1);
            long remaining = qdrant.peerIds().get(0);
            assertThat(qdrant.placement("docs").shardsOn(remaining)).hasSize(SHARDS);
            ClusterInKubernetes kubernetes = ClusterInKubernetes.of(env, "catalog");
            assertThat(kubernetes.readyPods()).containsExactly("qdrant-catalog-0");
            assertThat(kubernetes.statefulSet()).get().extracting(set -> set.getSpec().getReplicas()).isEqualTo(1);
            assertThat(QdrantNodes.of(env, "catalog").count(0, "docs")).hasValue(POINTS);
            qdrant.assertNoDataLost();
            assertThat(unserved.readings()).isPositive();
            assertThat(unserved.changes()).as("shards without a live replica, as sampled throughout")
                    .containsExactly(Set.of());
        }
    }
}
