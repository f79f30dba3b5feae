package io.qdranthybrid.operator;

import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.harness.qdrant.ReplicaState;
import io.qdranthybrid.harness.qdrant.ReshardingDirection;
import io.qdranthybrid.harness.qdrant.SimulatedQdrantCluster;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator's scale-down against simulated nodes that Qdrant itself is changing: a shard being resharded is left
 * alone until resharding ends, and a replica in ManualRecovery is no copy to keep, so the only Active one stays.
 * Status says what the scale-down waits for.
 */
class ReplicaStatesScenarioTest extends OnSimulatedCluster {

    @Override
    String namespacePrefix() {
        return "states";
    }

    @Test
    void aShardBeingReshardedIsNotMovedOffALeavingNodeAndTheScaleDownFinishesAfterIt() {
        harness.create("reshard", 3, "v1.17.0");
        harness.awaitPhase("reshard", ClusterPhase.HEALTHY, CONVERGE);
        SimulatedQdrantCluster qdrant = cluster.qdrant().cluster(harness.namespace, "reshard");
        qdrant.seedCollection("docs", 3, 1, 3_000); // shard 2 on the third peer, qdrant-reshard-2
        cluster.qdrant().setTransferSpeed(10); // resharding lasts until the test speeds it up, however slow the operator is
        try {
            // The last shard's points go to shard 0 (ReshardingScaleDown) while the node holding it is asked to leave.
            qdrant.startResharding("docs", ReshardingDirection.DOWN);
            harness.edit("reshard", qc -> qc.getSpec().setSize(2));

            await().atMost(CONVERGE).untilAsserted(() -> assertThat(harness.get("reshard").getStatus().getReason())
                    .contains("docs:2 (a transfer of it is running)"));
            assertThat(qdrant.placement("docs").shard(0).peersIn(ReplicaState.ReshardingScaleDown)).hasSize(1);
            assertThat(harness.pods("reshard")).hasSize(3);
        } finally {
            cluster.qdrant().setTransferSpeed(100_000);
        }

        await().atMost(CONVERGE).until(() -> harness.pods("reshard").size() == 2);
        harness.awaitPhase("reshard", ClusterPhase.HEALTHY, CONVERGE);
        assertThat(qdrant.abortedTransfers()).as("transfers the drain broke").isEmpty();
        assertThat(qdrant.placement("docs").shardNumber()).as("resharding ran to its end").isEqualTo(2);
        assertThat(qdrant.peerIds()).hasSize(2);
        qdrant.assertNoDataLost();
    }

    @Test
    void aManualRecoveryReplicaIsNoCopyToKeepSoTheOnlyActiveOneStaysUntilTheRecoveryEnds() {
        harness.create("manual", 2, "v1.17.0");
        harness.awaitPhase("manual", ClusterPhase.HEALTHY, CONVERGE);
        SimulatedQdrantCluster qdrant = cluster.qdrant().cluster(harness.namespace, "manual");
        qdrant.seedCollection("docs", 1, 2, 500);
        long staying = qdrant.peerIdOf("qdrant-manual-0").orElseThrow();
        long leaving = qdrant.peerIdOf("qdrant-manual-1").orElseThrow();
        // A user restores a shard snapshot into the staying node's replica: until it ends that replica holds nothing.
        qdrant.beginShardSnapshotRecovery("docs", 0, staying);

        harness.edit("manual", qc -> qc.getSpec().setSize(1));

        await().atMost(CONVERGE).untilAsserted(() -> assertThat(harness.get("manual").getStatus().getReason())
                .contains("docs:0 (every remaining peer holds it, none as an Active copy", staying + "=ManualRecovery"));
        await().during(Duration.ofSeconds(2)).atMost(CONVERGE).untilAsserted(() -> {
            assertThat(qdrant.placement("docs").shard(0).peersIn(ReplicaState.Active)).containsExactly(leaving);
            assertThat(harness.pods("manual")).hasSize(2);
        });

        qdrant.finishShardSnapshotRecovery("docs", 0, staying);
        await().atMost(CONVERGE).until(() -> harness.pods("manual").size() == 1);
        harness.awaitPhase("manual", ClusterPhase.HEALTHY, CONVERGE);
        assertThat(qdrant.placement("docs").shard(0).peersIn(ReplicaState.Active)).containsExactly(staying);
        qdrant.assertNoDataLost();
    }
}
