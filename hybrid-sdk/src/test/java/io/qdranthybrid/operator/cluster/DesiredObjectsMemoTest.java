package io.qdranthybrid.operator.cluster;

import io.qdranthybrid.crd.QdrantApi;
import io.qdranthybrid.crd.QdrantCluster;
import org.junit.jupiter.api.Test;

import java.util.HashMap;

import static org.assertj.core.api.Assertions.assertThat;

class DesiredObjectsMemoTest {

    private final DesiredObjectsMemo memo = new DesiredObjectsMemo();

    @Test
    void theSameInputsGiveTheSameObjectsWithoutBuildingAgain() {
        DesiredObjectsMemo.Built first = memo.objectsFor(ClusterFixtures.steady(ClusterFixtures.minimal()));
        DesiredObjectsMemo.Built again = memo.objectsFor(ClusterFixtures.steady(ClusterFixtures.minimal()));

        assertThat(again).isSameAs(first);
        assertThat(first.all()).last().isSameAs(first.statefulSet());
        assertThat(first.all()).hasSameSizeAs(DesiredClusterObjects.of(ClusterFixtures.steady(ClusterFixtures.minimal())));
    }

    @Test
    void aSpecChangeRebuilds() {
        QdrantCluster cluster = ClusterFixtures.minimal();
        DesiredObjectsMemo.Built before = memo.objectsFor(ClusterFixtures.steady(cluster));
        cluster.getSpec().getResources().setMemory("4Gi");

        DesiredObjectsMemo.Built after = memo.objectsFor(ClusterFixtures.steady(cluster));

        assertThat(after).isNotSameAs(before);
        assertThat(after.statefulSet().getSpec().getTemplate().getSpec().getContainers().get(0).getResources()
                .getLimits().get("memory").toString()).isEqualTo("4Gi");
    }

    @Test
    void aChangeToTheCallersClusterObjectAfterwardsIsNotMistakenForTheRememberedOne() {
        QdrantCluster cluster = ClusterFixtures.minimal();
        DesiredObjectsMemo.Built before = memo.objectsFor(ClusterFixtures.steady(cluster));
        cluster.getSpec().setSize(5); // the same spec object, changed in place

        assertThat(memo.objectsFor(ClusterFixtures.steady(cluster)).statefulSet().getSpec().getReplicas()).isEqualTo(5);
        assertThat(before.statefulSet().getSpec().getReplicas()).isEqualTo(3);
    }

    @Test
    void aRestartAnnotationTheRunningVersionAndTheReplicasEachRebuild() {
        QdrantCluster cluster = ClusterFixtures.minimal();
        DesiredObjectsMemo.Built steady = memo.objectsFor(ClusterFixtures.steady(cluster));

        DesiredObjectsMemo.Built stepping = memo.objectsFor(new ClusterContext(cluster, OperatorDefaults.hybrid(), "v1.11.0", 3));
        assertThat(stepping).isNotSameAs(steady);
        DesiredObjectsMemo.Built draining = memo.objectsFor(new ClusterContext(cluster, OperatorDefaults.hybrid(), "v1.11.0", 4));
        assertThat(draining.statefulSet().getSpec().getReplicas()).isEqualTo(4);

        cluster.getMetadata().setAnnotations(new HashMap<>());
        cluster.getMetadata().getAnnotations().put(QdrantApi.Annotations.RESTARTED_AT, "2026-01-01T00:00:00Z");
        DesiredObjectsMemo.Built restarted = memo.objectsFor(ClusterFixtures.steady(cluster));
        assertThat(restarted.statefulSet().getSpec().getTemplate().getMetadata().getAnnotations())
                .containsValue("2026-01-01T00:00:00Z");
    }

    @Test
    void aForgottenClusterIsBuiltAfresh() {
        DesiredObjectsMemo.Built first = memo.objectsFor(ClusterFixtures.steady(ClusterFixtures.minimal()));
        memo.forget("team-a", "qdrant-demo");

        assertThat(memo.objectsFor(ClusterFixtures.steady(ClusterFixtures.minimal()))).isNotSameAs(first);
    }
}
