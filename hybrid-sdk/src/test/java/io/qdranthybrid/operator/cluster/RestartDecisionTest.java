package io.qdranthybrid.operator.cluster;

import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.operator.cluster.ClusterObservation.ConsensusObservation;
import io.qdranthybrid.operator.cluster.ClusterObservation.StatefulSetObservation;
import io.qdranthybrid.qdrant.CollectionPlacement;
import io.qdranthybrid.qdrant.ReplicaState;
import io.qdranthybrid.qdrant.ShardReplica;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.qdranthybrid.operator.cluster.ClusterFixtures.servingNode;
import static org.assertj.core.api.Assertions.assertThat;

class RestartDecisionTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final UpgradeDecision.Versions SAME = new UpgradeDecision.Versions("v1.12.3", "v1.12.3", "v1.12.3");

    @Test
    void withNothingReplicatedEveryPodRestartsAtOnceAndTheProblemSaysWhy() {
        StepOutcome outcome = RestartDecision.decide(outdatedPods(List.of()), SAME, null, NOW);

        assertThat(outcome.actions()).containsExactlyInAnyOrder(new PlannedAction.DeletePod("qdrant-demo-0"),
                new PlannedAction.DeletePod("qdrant-demo-1"), new PlannedAction.DeletePod("qdrant-demo-2"));
        assertThat(outcome.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.reason()).isEqualTo(ClusterLifecycle.RESTARTING_ALL_AT_ONCE);
            assertThat(problem.message()).contains("no collection is replicated").contains("replication_factor >= 2");
        });
        assertThat(outcome.progress()).hasValueSatisfying(p -> {
            assertThat(p.phase()).isEqualTo(ClusterPhase.UPDATING);
            assertThat(p.reason()).isEqualTo(ClusterLifecycle.RESTARTING_ALL_AT_ONCE);
        });
    }

    @Test
    void replicatedPodsRestartOneByOneAndAnUpgradeNamesItsVersion() {
        List<ShardReplica> replicated = List.of(new ShardReplica(0, 101L, ReplicaState.ACTIVE, 100L),
                new ShardReplica(0, 102L, ReplicaState.ACTIVE, 100L));
        UpgradeDecision.Versions upgrading = new UpgradeDecision.Versions("v1.12.3", "v1.13.0", "v1.13.0");

        StepOutcome outcome = RestartDecision.decide(outdatedPods(replicated), upgrading, null, NOW);

        assertThat(outcome.actions()).as("the highest ordinal first, as a StatefulSet rolls")
                .containsExactly(new PlannedAction.DeletePod("qdrant-demo-2"));
        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.progress()).hasValueSatisfying(p -> {
            assertThat(p.phase()).isEqualTo(ClusterPhase.UPGRADING);
            assertThat(p.message()).isEqualTo("rolling restart to v1.13.0");
            assertThat(p.reason()).isNull();
        });
    }

    /** Three pods on rev-0 while the StatefulSet's template is rev-1; consensus settled. */
    private static ClusterObservation outdatedPods(List<ShardReplica> replicas) {
        CollectionPlacement docs = new CollectionPlacement("docs", 1, replicas, List.of());
        return new ClusterObservation(ClusterFixtures.minimal(),
                Optional.of(new StatefulSetObservation(3, true, "rev-1", "20Gi")),
                List.of(servingNode(0, "rev-0"), servingNode(1, "rev-0"), servingNode(2, "rev-0")), Map.of(),
                Optional.of(new ConsensusObservation(Set.of(101L, 102L, 103L), true, List.of(docs))), List.of(),
                Optional.of(true));
    }
}
