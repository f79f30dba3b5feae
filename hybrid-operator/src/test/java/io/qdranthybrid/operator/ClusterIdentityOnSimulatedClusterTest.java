package io.qdranthybrid.operator;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.harness.cluster.QdrantClusterManifests;
import io.qdranthybrid.operator.cluster.ClusterLifecycle;
import io.qdranthybrid.reconcile.Conditions;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A QdrantCluster must be named qdrant-<spec.id>; a second cluster claiming an id in use is refused. */
class ClusterIdentityOnSimulatedClusterTest extends OnSimulatedCluster {

    @Override
    String namespacePrefix() {
        return "identity";
    }

    @Test
    void aClusterNotNamedAfterItsIdFailsToCreateAndCreatesNothing() {
        QdrantCluster misnamed = QdrantClusterManifests.standard(harness.namespace, "orders", 1, "v1.12.3");
        misnamed.getMetadata().setName("orders");
        cluster.client().resource(misnamed).create();

        QdrantCluster refused = awaitFailed("orders");

        assertThat(refused.getStatus().getPhase()).isEqualTo(ClusterPhase.FAILED_TO_CREATE);
        assertThat(Conditions.find(refused.getStatus().getConditions(), ClusterLifecycle.CONDITION_VALID))
                .hasValueSatisfying(c -> {
                    assertThat(c.getStatus()).isEqualTo("False");
                    assertThat(c.getMessage()).contains("metadata.name").contains("qdrant-orders");
                });
        assertThat(cluster.client().apps().statefulSets().inNamespace(harness.namespace).withName("qdrant-orders").get())
                .isNull();
    }

    @Test
    void aSecondClusterWithAnIdInUseIsRefusedAndTheFirstStaysHealthy() {
        harness.create("shared", 1, "v1.12.3");
        harness.awaitPhase("shared", ClusterPhase.HEALTHY, CONVERGE);
        QdrantCluster copycat = QdrantClusterManifests.standard(harness.namespace, "shared", 3, "v1.12.3");
        copycat.setMetadata(new ObjectMetaBuilder(copycat.getMetadata()).withName("qdrant-shared-copy").build());
        cluster.client().resource(copycat).create();

        QdrantCluster refused = awaitFailed("qdrant-shared-copy");

        assertThat(Conditions.find(refused.getStatus().getConditions(), ClusterLifecycle.CONDITION_VALID))
                .hasValueSatisfying(c -> assertThat(c.getMessage()).contains("spec.id")
                        .contains("already used by QdrantCluster qdrant-shared"));
        assertThat(cluster.client().apps().statefulSets().inNamespace(harness.namespace).withName("qdrant-shared")
                .get().getSpec().getReplicas()).as("the copycat's size 3 never reached the StatefulSet").isEqualTo(1);
        assertThat(harness.get("shared").getStatus().getPhase()).isEqualTo(ClusterPhase.HEALTHY);
    }

    private QdrantCluster awaitFailed(String name) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            QdrantCluster qc = cluster.client().resources(QdrantCluster.class).inNamespace(harness.namespace)
                    .withName(name).get();
            return qc.getStatus() != null && qc.getStatus().getPhase() == ClusterPhase.FAILED_TO_CREATE;
        });
        return cluster.client().resources(QdrantCluster.class).inNamespace(harness.namespace).withName(name).get();
    }
}
