package io.qdranthybrid.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.function.Consumer;

import static io.qdranthybrid.reconcile.MockKube.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusUpdaterTest {

    private final MockKube kube = MockKube.shared();
    private final WriteCounter writes = new WriteCounter();
    private final KubernetesClient countingClient = kube.countingClient(writes);
    private final StatusUpdater updater = new StatusUpdater(countingClient, 3);

    @BeforeEach
    void resetCounter() {
        writes.reset();
    }

    private static Consumer<QdrantCluster> phase(ClusterPhase phase, String reason) {
        return cluster -> {
            if (cluster.getStatus() == null) {
                cluster.setStatus(new QdrantClusterStatus());
            }
            cluster.getStatus().setPhase(phase);
            cluster.getStatus().setReason(reason);
        };
    }

    private QdrantCluster stored(String name) {
        return kube.client().resources(QdrantCluster.class).inNamespace(NAMESPACE).withName(name).get();
    }

    @Test
    void changedStatusIsWrittenThroughTheStatusSubresource() {
        QdrantCluster cluster = kube.createCluster("writes-status", 1);

        assertThat(updater.updateStatus(cluster, phase(ClusterPhase.CREATING, "created"))).isEqualTo(ApplyOutcome.UPDATED);

        assertThat(stored("writes-status").getStatus().getPhase()).isEqualTo(ClusterPhase.CREATING);
        assertThat(writes.writes()).containsExactly("PUT /apis/qdrant.io/v1/namespaces/" + NAMESPACE + "/qdrantclusters/writes-status/status");
        assertThat(cluster.getStatus()).as("the caller's object is not modified").isNull();
    }

    @Test
    void unchangedStatusIsNotWritten() {
        kube.createCluster("steady", 1);
        updater.updateStatus(stored("steady"), phase(ClusterPhase.CREATING, "created"));
        writes.reset();

        assertThat(updater.updateStatus(stored("steady"), phase(ClusterPhase.CREATING, "created"))).isEqualTo(ApplyOutcome.UNCHANGED);
        assertThat(writes.writes()).isEmpty();
    }

    // Conflicts (409) are tested where a server really produces them: hybrid-operator's
    // io.qdranthybrid.reconcile.StatusUpdaterOnSimulatedClusterTest.
}
