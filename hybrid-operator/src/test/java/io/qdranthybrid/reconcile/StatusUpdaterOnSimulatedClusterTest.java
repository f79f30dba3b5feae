package io.qdranthybrid.reconcile;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterSpec;
import io.qdranthybrid.crd.QdrantClusterStatus;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.harness.kube.ApiCall;
import io.qdranthybrid.harness.kube.Verb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * StatusUpdater's conflict handling against the simulated API server, which, like a real one, refuses a status write
 * carrying a stale metadata.resourceVersion with 409 Conflict. Here the conflicts come from a real concurrent writer,
 * not from a scripted response (hybrid-sdk cannot use the harness, which depends on it: hence this module).
 */
class StatusUpdaterOnSimulatedClusterTest {

    private static final String OURS = "status-updater-test";

    private static SimulatedCluster cluster;
    private static String namespace;
    /** The updater's client, named so the journal tells its writes from the concurrent writer's. */
    private static KubernetesClient ours;

    @BeforeAll
    static void start() {
        cluster = SimulatedCluster.start();
        namespace = cluster.createNamespace("status-updater");
        ours = cluster.newClient(namespace, OURS);
    }

    @AfterAll
    static void stop() {
        if (ours != null) {
            ours.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aStatusWriteBasedOnAStaleCopyConflictsAndIsReappliedToAFreshOne() {
        QdrantCluster stale = create("conflicted");
        concurrentStatusWrite("conflicted", "someone else");
        AtomicInteger calls = new AtomicInteger();

        ApplyOutcome outcome = new StatusUpdater(ours, 3).updateStatus(stale, (QdrantCluster copy) -> {
            calls.incrementAndGet();
            statusOf(copy).setPhase(ClusterPhase.UPDATING);
        });

        assertThat(outcome).isEqualTo(ApplyOutcome.UPDATED);
        assertThat(calls).as("the mutation is applied again to the fresh copy").hasValue(2);
        QdrantClusterStatus status = stored("conflicted").getStatus();
        assertThat(status.getPhase()).isEqualTo(ClusterPhase.UPDATING);
        assertThat(status.getReason()).as("the concurrent writer's change survives").isEqualTo("someone else");
        assertThat(ourStatusWrites("conflicted")).extracting(ApiCall::code).containsExactly(409, 200);
    }

    @Test
    void givesUpWithAClearErrorWhenAnotherWriterWinsEveryAttempt() {
        create("contended");
        AtomicInteger calls = new AtomicInteger();

        // The other writer slips in between each read and write, so every attempt carries a stale resourceVersion.
        assertThatThrownBy(() -> new StatusUpdater(ours, 3).updateStatus(stored("contended"), (QdrantCluster copy) -> {
            concurrentStatusWrite("contended", "them, round " + calls.incrementAndGet());
            statusOf(copy).setPhase(ClusterPhase.UPDATING);
        }))
                .isInstanceOf(StatusConflictException.class)
                .hasMessageContaining("contended")
                .hasMessageContaining("3 times");
        assertThat(calls).hasValue(3);
        assertThat(ourStatusWrites("contended")).extracting(ApiCall::code).containsExactly(409, 409, 409);
        assertThat(stored("contended").getStatus().getPhase()).as("our change was never written").isNull();
    }

    private static QdrantCluster create(String name) {
        QdrantCluster qc = new QdrantCluster();
        qc.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        qc.setSpec(new QdrantClusterSpec());
        qc.getSpec().setId(name);
        qc.getSpec().setVersion("v1.12.3");
        qc.getSpec().setSize(1);
        return cluster.client().resource(qc).create();
    }

    private static QdrantCluster stored(String name) {
        return cluster.client().resources(QdrantCluster.class).inNamespace(namespace).withName(name).get();
    }

    /** Another writer changing the status behind our back, bumping the object's resourceVersion. */
    private static void concurrentStatusWrite(String name, String reason) {
        QdrantCluster fresh = stored(name);
        statusOf(fresh).setReason(reason);
        cluster.client().resource(fresh).updateStatus();
    }

    private static QdrantClusterStatus statusOf(QdrantCluster qc) {
        if (qc.getStatus() == null) {
            qc.setStatus(new QdrantClusterStatus());
        }
        return qc.getStatus();
    }

    /** The status writes our client made to {@code name}, in order, as the API server's journal recorded them. */
    private static List<ApiCall> ourStatusWrites(String name) {
        return cluster.api().journal().calls().stream()
                .filter(c -> c.verb() == Verb.UPDATE && "qdrantclusters".equals(c.resource()) && "status".equals(c.subresource())
                        && name.equals(c.name()) && c.from(OURS))
                .toList();
    }
}
