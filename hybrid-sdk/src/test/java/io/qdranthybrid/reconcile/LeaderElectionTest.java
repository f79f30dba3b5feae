package io.qdranthybrid.reconcile;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.qdranthybrid.crd.QdrantCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class LeaderElectionTest {

    private static final String NAMESPACE = "leader-election";

    private final MockKube kube = MockKube.shared();
    private final List<String> transitions = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    private LeaderElection replica(String lease, String identity) {
        LeaderElection election = LeaderElection.builder(kube.newClient(), NAMESPACE, lease, identity)
                .timing(Duration.ofMillis(1000), Duration.ofMillis(800), Duration.ofMillis(100))
                .onStartLeading(() -> transitions.add(identity + " leads"))
                .onStopLeading(() -> transitions.add(identity + " stops"))
                .build();
        toClose.add(election);
        return election;
    }

    private String holder(String lease) {
        Lease stored = kube.client().leases().inNamespace(NAMESPACE).withName(lease).get();
        return stored == null ? null : stored.getSpec().getHolderIdentity();
    }

    @Test
    void standbyTakesOverWhenTheLeaderStops() {
        LeaderElection first = replica("takeover", "replica-a");
        LeaderElection second = replica("takeover", "replica-b");
        assertThat(first.state()).isEqualTo(LeadershipState.NOT_STARTED);

        first.start();
        await().atMost(Duration.ofSeconds(5)).until(first::isLeader);
        second.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> second.currentLeader().filter("replica-a"::equals).isPresent());
        assertThat(second.state()).isEqualTo(LeadershipState.STANDBY);
        assertThat(second.isParticipating()).isTrue();
        assertThat(holder("takeover")).isEqualTo("replica-a");

        first.stop();

        await().atMost(Duration.ofSeconds(5)).until(second::isLeader);
        assertThat(first.state()).isEqualTo(LeadershipState.STOPPED);
        assertThat(first.isLeader()).isFalse();
        assertThat(holder("takeover")).isEqualTo("replica-b");
        assertThat(transitions).containsExactly("replica-a leads", "replica-a stops", "replica-b leads");
    }

    @Test
    void readinessNeedsSyncedInformersAndAParticipatingElection() {
        Controller<QdrantCluster> controller = Controller.builder(kube.newClient(), QdrantCluster.class,
                cluster -> ReconcileResult.done()).namespaces(NAMESPACE).build();
        toClose.add(controller);
        LeaderElection election = replica("readiness", "replica-a");
        Readiness readiness = Readiness.of(List.of(controller), election);
        assertThat(readiness.isReady()).isFalse();

        controller.startInformers();
        await().atMost(Duration.ofSeconds(5)).until(controller::hasSynced);
        assertThat(readiness.isReady()).as("informers synced but election not started").isFalse();

        election.start();
        assertThat(readiness.isReady()).as("standby counts as ready").isTrue();

        election.stop();
        assertThat(readiness.isReady()).isFalse();
    }

    @Test
    void inconsistentTimingIsRejected() {
        assertThatThrownBy(() -> LeaderElection.builder(kube.client(), NAMESPACE, "bad", "a")
                .timing(Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(2)).build())
                .hasMessageContaining("renewDeadline");
    }
}
