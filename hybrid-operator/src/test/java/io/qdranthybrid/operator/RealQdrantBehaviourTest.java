package io.qdranthybrid.operator;

import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantApi;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.qdranthybrid.crd.QdrantConfiguration;
import io.qdranthybrid.crd.QdrantSecretKeyRef;
import io.qdranthybrid.crd.ServiceConfig;
import io.qdranthybrid.crd.TlsConfig;
import io.qdranthybrid.harness.qdrant.QdrantTlsMaterial;
import io.qdranthybrid.harness.qdrant.SimulatedQdrantCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator against simulated nodes that behave like real Qdrant where it is least friendly: no leader during
 * elections (leader 0), {@code /readyz} that stays 200 on a node cut off from its peers, consensus changes that
 * commit after Qdrant stopped waiting, and the old {@code drop_replica} that aborts a peer's other transfers.
 */
class RealQdrantBehaviourTest extends OnSimulatedCluster {

    private final ReconcileCounts reconciles = new ReconcileCounts();

    @Override
    io.qdranthybrid.reconcile.ReconcileMetrics metrics() {
        return reconciles;
    }

    @Override
    String namespacePrefix() {
        return "real";
    }

    @Test
    void noPodIsRestartedWhileAnElectionLeavesTheClusterWithoutALeader() {
        SimulatedQdrantCluster qdrant = healthyWithData("elect", 2);
        qdrant.delayElections(Duration.ofSeconds(4));
        String leaderPod = podOfPeer(qdrant, qdrant.leader());
        Set<String> before = uids("elect");

        harness.edit("elect", qc -> qc.getMetadata().setAnnotations(
                Map.of(QdrantApi.Annotations.RESTARTED_AT, "2026-12-06T22:00:00Z")));
        // The leader is cut off while every pod is Ready (its /readyz stays 200): an election follows.
        cluster.qdrant().partition(harness.namespace, leaderPod);
        await().atMost(CONVERGE).until(() -> qdrant.leader() != 0 && !podOfPeer(qdrant, qdrant.leader()).equals(leaderPod));
        cluster.qdrant().heal(harness.namespace, leaderPod);

        await().atMost(CONVERGE).untilAsserted(() -> assertThat(uids("elect")).doesNotContainAnyElementsOf(before).hasSize(3));
        harness.awaitPhase("elect", ClusterPhase.HEALTHY, CONVERGE);
        assertThat(qdrant.stopsWithoutLeader()).as("nodes restarted while there was no leader").isEmpty();
        qdrant.assertNoDataLost();
    }

    @Test
    void aPartitionedNodeThatStaysReadyHoldsTheRollingRestartUntilItIsBack() {
        SimulatedQdrantCluster qdrant = healthyWithData("cut", 2);
        Set<String> before = uids("cut");
        cluster.qdrant().partition(harness.namespace, "qdrant-cut-0"); // the lowest-numbered pod, still Ready

        harness.edit("cut", qc -> qc.getMetadata().setAnnotations(
                Map.of(QdrantApi.Annotations.RESTARTED_AT, "2026-12-06T22:00:00Z")));

        // The operator took the restart up (the pods are outdated), then looked at consensus twice more: it polls
        // consensus while a restart is under way.
        await().atMost(CONVERGE).until(() -> {
            var status = cluster.client().apps().statefulSets().inNamespace(harness.namespace).withName("qdrant-cut")
                    .get().getStatus();
            return status != null && status.getUpdateRevision() != null
                    && !status.getUpdateRevision().equals(status.getCurrentRevision());
        });
        reconciles.awaitMore("qdrantcluster", "qdrant-cut", 2);
        assertThat(uids("cut")).as("no pod restarted while a node is cut off").containsExactlyInAnyOrderElementsOf(before);
        assertThat(harness.get("cut").getStatus().getPhase()).isNotEqualTo(ClusterPhase.HEALTHY);
        assertThat(harness.pods("cut")).as("the cut-off pod is Ready all along, as with real Qdrant").allSatisfy(p ->
                assertThat(p.getStatus().getConditions()).anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())));

        cluster.qdrant().heal(harness.namespace, "qdrant-cut-0");
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(uids("cut")).doesNotContainAnyElementsOf(before).hasSize(3));
        harness.awaitPhase("cut", ClusterPhase.HEALTHY, CONVERGE);
        qdrant.assertNoDataLost();
    }

    @ParameterizedTest(name = "Qdrant {0}")
    @ValueSource(strings = {"v1.13.6", "v1.17.0"})
    void drainOfTwoPeersMovesAndDropsWithoutAbortingItsOwnTransfers(String version) {
        String id = "drain" + version.replace(".", "").replace("v", "");
        harness.create(id, 3, version);
        harness.awaitPhase(id, ClusterPhase.HEALTHY, CONVERGE);
        SimulatedQdrantCluster qdrant = cluster.qdrant().cluster(harness.namespace, id);
        // Replicated twice over three peers: shrinking to one needs moves and drops in the same collection.
        qdrant.seedCollection("docs", 6, 2, 60_000);
        cluster.qdrant().setTransferSpeed(20_000);
        try {
            harness.edit(id, qc -> qc.getSpec().setSize(1));
            await().atMost(CONVERGE).until(() -> harness.pods(id).size() == 1);
            harness.awaitPhase(id, ClusterPhase.HEALTHY, CONVERGE);
        } finally {
            cluster.qdrant().setTransferSpeed(100_000);
        }

        assertThat(qdrant.abortedTransfers()).as("transfers the drain aborted itself").isEmpty();
        assertThat(qdrant.peerIds()).hasSize(1);
        assertThat(qdrant.placement("docs").shardsOn(qdrant.peerIds().get(0))).hasSize(6);
        qdrant.assertNoDataLost();
    }

    @Test
    void aConsensusChangeThatTimesOutAndLandsIsReadAgainNotProposedTwice() {
        harness.create("slow", 3, "v1.17.0");
        harness.awaitPhase("slow", ClusterPhase.HEALTHY, CONVERGE);
        SimulatedQdrantCluster qdrant = cluster.qdrant().cluster(harness.namespace, "slow");
        qdrant.seedCollection("docs", 3, 1, 3_000);
        // Commits take longer than Qdrant waits (10 s): the move is answered with a service error, then lands.
        qdrant.delayCommits(Duration.ofSeconds(11));

        harness.edit("slow", qc -> qc.getSpec().setSize(2));
        await().atMost(CONVERGE).until(() -> qdrant.pendingOperations() > 0);
        await().atMost(CONVERGE).until(() -> qdrant.pendingOperations() == 0);
        qdrant.delayCommits(Duration.ZERO);

        await().atMost(CONVERGE).until(() -> harness.pods("slow").size() == 2);
        harness.awaitPhase("slow", ClusterPhase.HEALTHY, CONVERGE);
        assertThat(qdrant.failedProposals()).as("changes proposed again although the first had landed").isEmpty();
        assertThat(qdrant.peerIds()).hasSize(2);
        qdrant.assertNoDataLost();
    }

    @Test
    void aTlsClusterWithSingleCopyDataIsScaledDownThroughItsOwnCa() {
        QdrantTlsMaterial tls = QdrantTlsMaterial.generate(harness.namespace, "secure", 3);
        tls.secrets().forEach(secret -> cluster.client().resource(secret).inNamespace(harness.namespace).create());
        harness.create("secure", 3, "v1.17.0", spec -> {
            spec.setConfig(new QdrantConfiguration());
            spec.getConfig().setService(new ServiceConfig());
            spec.getConfig().getService().setEnableTls(true);
            spec.getConfig().setTls(new TlsConfig());
            spec.getConfig().getTls().setCert(ref(tls.nodeSecretName(), "tls.crt"));
            spec.getConfig().getTls().setKey(ref(tls.nodeSecretName(), "tls.key"));
            spec.getConfig().getTls().setCaCert(ref(tls.caSecretName(), "ca.crt"));
        });
        harness.awaitPhase("secure", ClusterPhase.HEALTHY, CONVERGE);
        SimulatedQdrantCluster qdrant = cluster.qdrant().cluster(harness.namespace, "secure");
        assertThat(cluster.qdrant().endpoint(harness.namespace, "qdrant-secure-0").orElseThrow().getScheme())
                .isEqualTo("https");
        qdrant.seedCollection("docs", 6, 1, 6_000);

        harness.edit("secure", qc -> qc.getSpec().setSize(1));

        await().atMost(CONVERGE).until(() -> harness.pods("secure").size() == 1);
        harness.awaitPhase("secure", ClusterPhase.HEALTHY, CONVERGE);
        assertThat(qdrant.peerIds()).hasSize(1);
        assertThat(qdrant.placement("docs").shardsOn(qdrant.peerIds().get(0))).hasSize(6);
        qdrant.assertNoDataLost();
    }

    private static QdrantSecretKeyRef ref(String secret, String key) {
        QdrantSecretKeyRef ref = new QdrantSecretKeyRef();
        ref.setSecretKeyRef(new SecretKeySelector(key, secret, false));
        return ref;
    }

    private SimulatedQdrantCluster healthyWithData(String id, int replicationFactor) {
        harness.create(id, 3, "v1.17.0");
        harness.awaitPhase(id, ClusterPhase.HEALTHY, CONVERGE);
        SimulatedQdrantCluster qdrant = cluster.qdrant().cluster(harness.namespace, id);
        qdrant.seedCollection("docs", 3, replicationFactor, 3_000);
        return qdrant;
    }

    private Set<String> uids(String id) {
        return harness.pods(id).stream().map(p -> p.getMetadata().getUid()).collect(Collectors.toSet());
    }

    private static String podOfPeer(SimulatedQdrantCluster qdrant, long peer) {
        return qdrant.placement("docs").shards().stream().flatMap(s -> s.replicas().stream())
                .filter(r -> r.peerId() == peer).map(r -> r.podName()).findFirst()
                .orElseThrow(() -> new AssertionError("peer " + peer + " holds no replica"));
    }
}
