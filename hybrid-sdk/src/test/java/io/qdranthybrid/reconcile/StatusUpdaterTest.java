package io.qdranthybrid.reconcile;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static io.qdranthybrid.reconcile.MockKube.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    /** Another writer changing the cluster's status behind our back, bumping its resourceVersion. */
    private void concurrentStatusWrite(String name, String reason) {
        QdrantCluster fresh = stored(name);
        if (fresh.getStatus() == null) {
            fresh.setStatus(new QdrantClusterStatus());
        }
        fresh.getStatus().setReason(reason);
        kube.client().resource(fresh).updateStatus();
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

    /** The mock does not check resourceVersion on /status, so the conflicts a real API server returns are queued. */
    private void conflictOnNextStatusWrites(String name, int times) {
        kube.server().expect().put()
                .withPath("/apis/qdrant.io/v1/namespaces/" + NAMESPACE + "/qdrantclusters/" + name + "/status")
                .andReturn(409, new StatusBuilder().withCode(409).withReason("Conflict")
                        .withMessage("the object has been modified; please apply your changes to the latest version").build())
                .times(times);
    }

    @Test
    void conflictIsRetriedByReapplyingTheMutationToAFreshCopy() {
        QdrantCluster cluster = kube.createCluster("conflicted", 1);
        AtomicInteger calls = new AtomicInteger();

        ApplyOutcome outcome = updater.updateStatus(cluster, (QdrantCluster copy) -> {
            if (calls.incrementAndGet() == 1) {
                concurrentStatusWrite("conflicted", "someone else");
                conflictOnNextStatusWrites("conflicted", 1);
            }
            if (copy.getStatus() == null) {
                copy.setStatus(new QdrantClusterStatus());
            }
            copy.getStatus().setPhase(ClusterPhase.UPDATING);
        });

        assertThat(outcome).isEqualTo(ApplyOutcome.UPDATED);
        assertThat(calls).hasValue(2);
        QdrantClusterStatus status = stored("conflicted").getStatus();
        assertThat(status.getPhase()).isEqualTo(ClusterPhase.UPDATING);
        assertThat(status.getReason()).as("the concurrent writer's change survives").isEqualTo("someone else");
        assertThat(writes.writes()).hasSize(2);
    }

    @Test
    void givesUpWithAClearErrorWhenEveryAttemptConflicts() {
        QdrantCluster cluster = kube.createCluster("contended", 1);
        conflictOnNextStatusWrites("contended", 3);
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> updater.updateStatus(cluster, (QdrantCluster copy) -> {
            calls.incrementAndGet();
            phase(ClusterPhase.UPDATING, "ours").accept(copy);
        }))
                .isInstanceOf(StatusConflictException.class)
                .hasMessageContaining("contended")
                .hasMessageContaining("3 times");
        assertThat(calls).hasValue(3);
    }
}
