package io.qdranthybrid.operator.cluster;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.NodeStatus;
import io.qdranthybrid.crd.QdrantClusterStatus;
import io.qdranthybrid.reconcile.SettableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StatusPacingTest {

    private static final String CLUSTER = "ns/qdrant-a";

    private final SettableClock clock = new SettableClock("2026-01-01T00:00:00Z");
    private final StatusPacing pacing = new StatusPacing(Duration.ofSeconds(5), clock);

    @Test
    void aNodeStepRightAfterAWriteWaitsForTheRestOfTheInterval() {
        pacing.written(CLUSTER);
        clock.advance(Duration.ofSeconds(2));

        assertThat(pacing.holdBack(CLUSTER, creating(1, "False"), creating(2, "False")))
                .contains(Duration.ofSeconds(3));
    }

    @Test
    void aNodeStepGoesOutOnceTheIntervalHasPassed() {
        pacing.written(CLUSTER);
        clock.advance(Duration.ofSeconds(5));

        assertThat(pacing.holdBack(CLUSTER, creating(1, "False"), creating(2, "False"))).isEmpty();
    }

    @Test
    void acceptingConnectionMirrorsTheNodesAndIsPacedWithThem() {
        pacing.written(CLUSTER);

        assertThat(pacing.holdBack(CLUSTER, creating(0, "False"), creating(1, "True"))).isPresent();
    }

    @Test
    void aPhaseChangeIsWrittenAtOnce() {
        pacing.written(CLUSTER);
        QdrantClusterStatus healthy = creating(3, "True");
        healthy.setPhase(ClusterPhase.HEALTHY);

        assertThat(pacing.holdBack(CLUSTER, creating(2, "True"), healthy)).isEmpty();
    }

    @Test
    void aConditionThatChangesStatusIsWrittenAtOnce() {
        pacing.written(CLUSTER);
        QdrantClusterStatus settled = creating(2, "True");
        settled.getConditions().set(1, condition(ClusterLifecycle.CONDITION_PROGRESSING, "False"));

        assertThat(pacing.holdBack(CLUSTER, creating(2, "True"), settled)).isEmpty();
    }

    @Test
    void rewordedProgressIsPacedLikeTheNodeMirror() {
        pacing.written(CLUSTER);
        QdrantClusterStatus reworded = creating(2, "True");
        reworded.setReason("waiting for the StatefulSet controller to observe the new template");
        reworded.getConditions().set(1, new ConditionBuilder(reworded.getConditions().get(1))
                .withMessage(reworded.getReason()).build());

        assertThat(pacing.holdBack(CLUSTER, creating(2, "True"), reworded)).isPresent();
    }

    @Test
    void aClusterNeverWrittenByThisOperatorIsWrittenAtOnce() {
        assertThat(pacing.holdBack(CLUSTER, creating(1, "False"), creating(2, "False"))).isEmpty();
        pacing.written(CLUSTER);
        pacing.forget(CLUSTER);
        assertThat(pacing.holdBack(CLUSTER, creating(1, "False"), creating(2, "False"))).isEmpty();
    }

    @Test
    void zeroIntervalWritesEveryChange() {
        StatusPacing eager = new StatusPacing(Duration.ZERO, clock);
        eager.written(CLUSTER);

        assertThat(eager.holdBack(CLUSTER, creating(1, "False"), creating(2, "False"))).isEmpty();
    }

    private static QdrantClusterStatus creating(int readyNodes, String acceptingConnection) {
        QdrantClusterStatus status = new QdrantClusterStatus();
        status.setPhase(ClusterPhase.CREATING);
        status.setReason("waiting for 3 nodes to be ready and in consensus");
        status.setAvailableNodes(readyNodes);
        status.setCurrentNodes(3);
        status.setAvailableNodeIndexes(List.of(0, 1, 2));
        Map<String, NodeStatus> nodes = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            NodeStatus node = new NodeStatus();
            node.setName("qdrant-a-" + i);
            node.setState(Map.of("Ready", i < readyNodes ? "True" : "False"));
            nodes.put(node.getName(), node);
        }
        status.setNodes(nodes);
        status.setConditions(new ArrayList<>(List.of(
                condition(ClusterLifecycle.CONDITION_VALID, "True"),
                condition(ClusterLifecycle.CONDITION_PROGRESSING, "True"),
                condition(ClusterLifecycle.CONDITION_ACCEPTING_CONNECTION, acceptingConnection))));
        return status;
    }

    private static io.fabric8.kubernetes.api.model.Condition condition(String type, String value) {
        return new ConditionBuilder().withType(type).withStatus(value).withReason(type + value)
                .withMessage(type + " is " + value).withLastTransitionTime("2026-01-01T00:00:00Z").build();
    }
}
