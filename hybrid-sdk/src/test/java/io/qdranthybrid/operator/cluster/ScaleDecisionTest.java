package io.qdranthybrid.operator.cluster;

import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.operator.cluster.ClusterObservation.ClaimObservation;
import io.qdranthybrid.operator.cluster.ClusterObservation.ConsensusObservation;
import io.qdranthybrid.operator.cluster.ClusterObservation.NodeObservation;
import io.qdranthybrid.operator.cluster.ClusterObservation.StatefulSetObservation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import static io.qdranthybrid.operator.cluster.ClusterFixtures.servingNode;
import static org.assertj.core.api.Assertions.assertThat;

class ScaleDecisionTest {

    private final ShardDrainPlanner drainPlanner = new ShardDrainPlanner(4);

    @Test
    void growingDeletesTheVolumesOfARemovedPeerSoItsNodeStartsFresh() {
        ClaimObservation stale = new ClaimObservation("qdrant-storage-qdrant-demo-2", "20Gi", "20Gi", true);
        ClusterObservation world = world(3, 2, Map.of(2, stale), true);

        ScaleDecision.Outcome outcome = ScaleDecision.decide(world, null, drainPlanner, false);

        assertThat(outcome.replicas()).isEqualTo(3);
        assertThat(outcome.deleteInProgress()).isNull();
        assertThat(outcome.step().actions()).containsExactly(new PlannedAction.DeleteClaims(2));
        assertThat(outcome.step().progress()).hasValueSatisfying(p -> {
            assertThat(p.phase()).isEqualTo(ClusterPhase.SCALING);
            assertThat(p.message()).isEqualTo("adding nodes: 2 -> 3");
        });
    }

    @Test
    void shrinkingKeepsEveryNodeAndRemembersTheLeavingOneUntilAQdrantNodeAnswers() {
        ClusterObservation world = world(2, 3, Map.of(), false);

        ScaleDecision.Outcome outcome = ScaleDecision.decide(world, null, drainPlanner, false);

        assertThat(outcome.replicas()).isEqualTo(3);
        assertThat(outcome.deleteInProgress()).containsExactly(2);
        assertThat(outcome.step().actions()).isEmpty();
        assertThat(outcome.step().progress()).hasValueSatisfying(p -> {
            assertThat(p.message()).contains("waiting for a Qdrant node to answer before draining nodes [2]");
            assertThat(p.lookAgain()).isEqualTo(ClusterLifecycle.WAITING_FOR_QDRANT);
        });
    }

    @Test
    void shrinkingRemovesTheDrainedPeerAndMarksItsVolumesBeforeThePodGoes() {
        ClusterObservation world = world(2, 3, Map.of(), true);

        ScaleDecision.Outcome outcome = ScaleDecision.decide(world, null, drainPlanner, false);

        assertThat(outcome.replicas()).isEqualTo(2);
        assertThat(outcome.step().actions()).containsExactly(new PlannedAction.RemovePeer(103L, 2),
                new PlannedAction.MarkClaimsOfRemovedPeer(2, 103L));
        assertThat(outcome.deleteInProgress()).as("the pod still runs: the next reconcile checks it is gone")
                .containsExactly(2);
        assertThat(outcome.step().progress()).map(Progress::message).contains("removing drained nodes [2]");
    }

    /** {@code running} pods of a cluster of {@code size}, no shards anywhere. */
    private static ClusterObservation world(int size, int running, Map<Integer, ClaimObservation> claims,
                                            boolean qdrantAnswers) {
        QdrantCluster cluster = ClusterFixtures.minimal();
        cluster.getSpec().setSize(size);
        List<NodeObservation> nodes = IntStream.range(0, running).mapToObj(i -> servingNode(i, "rev-1")).toList();
        Set<Long> peers = Set.copyOf(nodes.stream().map(NodeObservation::peerId).toList());
        Optional<ConsensusObservation> consensus = qdrantAnswers
                ? Optional.of(new ConsensusObservation(peers, true, List.of())) : Optional.empty();
        return new ClusterObservation(cluster, Optional.of(new StatefulSetObservation(running, true, "rev-1", "20Gi")),
                nodes, claims, consensus, List.of(), Optional.of(true));
    }
}
