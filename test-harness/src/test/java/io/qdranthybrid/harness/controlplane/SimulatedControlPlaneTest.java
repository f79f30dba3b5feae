package io.qdranthybrid.harness.controlplane;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantApi;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterRestore;
import io.qdranthybrid.crd.QdrantClusterRestoreStatus;
import io.qdranthybrid.crd.QdrantClusterScheduledSnapshot;
import io.qdranthybrid.crd.QdrantClusterSnapshot;
import io.qdranthybrid.crd.QdrantClusterStatus;
import io.qdranthybrid.crd.RestorePhase;
import io.qdranthybrid.platform.environment.EnvironmentPhase;
import io.qdranthybrid.protocol.client.ConnectionState;
import io.qdranthybrid.protocol.message.ComponentPhase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The simulated control plane with the SDK's real cloud agent in a simulated cluster, connected through the
 * control plane's WebSocket on loopback. No operator runs: the tests look at the custom resources the agent writes
 * and play the operator's part by writing a status where they need one.
 */
class SimulatedControlPlaneTest extends AgentOnSimulatedCluster {

    @Test
    void agentConnectsThroughTheWebSocketAndItsEnvironmentBecomesReady() {
        EnvironmentView environment = controlPlane.environments().create("ready", cluster.createNamespace("cp-ready"));
        assertThat(environment.phase()).isEqualTo(EnvironmentPhase.UNKNOWN);
        assertThat(environment.connected()).isFalse();

        startAgent(environment.id());

        await().atMost(WAIT).untilAsserted(() -> {
            EnvironmentView now = controlPlane.environments().get(environment.id());
            assertThat(now.connected()).isTrue();
            assertThat(now.phase()).as(now.phaseMessage()).isEqualTo(EnvironmentPhase.READY);
            assertThat(now.components()).anySatisfy(component -> {
                assertThat(component.name()).isEqualTo("qdrant-cloud-agent");
                assertThat(component.phase()).isEqualTo(ComponentPhase.READY);
            });
            assertThat(now.nodeCount()).isEqualTo(3);
        });
        assertThat(controlPlane.events().history()).extracting(ControlPlaneEvent::type)
                .contains(ControlPlaneEvent.Type.ENVIRONMENT_CREATED, ControlPlaneEvent.Type.AGENT_CONNECTED,
                        ControlPlaneEvent.Type.ENVIRONMENT_STATUS);
    }

    @Test
    void clusterChangesBecomeTheQdrantClusterInTheAgentsNamespaceAndItsStatusComesBack() throws Exception {
        EnvironmentView environment = controlPlane.environments().create("clusters", cluster.createNamespace("cp-qc"));
        String namespace = environment.namespace();
        startAgent(environment.id());

        controlPlane.clusters().create(environment.id(), NewCluster.of("orders", 3, "v1.12.3")
                .withResources("1", "2Gi", "20Gi")
                .withConfig(new ObjectMapper().readTree("{\"log_level\":\"DEBUG\"}")));

        await().atMost(WAIT).untilAsserted(() -> {
            QdrantCluster applied = liveCluster(namespace, "orders");
            assertThat(applied).isNotNull();
            assertThat(applied.getMetadata().getLabels())
                    .containsEntry(QdrantApi.Labels.CLUSTER_ID, "orders")
                    .containsEntry(QdrantApi.Labels.CUSTOMER_ID, "simulated-customer")
                    .containsEntry("app.kubernetes.io/managed-by", "qdrant-cloud-agent");
            assertThat(applied.getSpec().getId()).isEqualTo("orders");
            assertThat(applied.getSpec().getSize()).isEqualTo(3);
            assertThat(applied.getSpec().getVersion()).isEqualTo("v1.12.3");
            assertThat(applied.getSpec().getResources().getMemory()).isEqualTo("2Gi");
            assertThat(applied.getSpec().getConfig().getLogLevel()).isEqualTo("DEBUG");
        });

        controlPlane.clusters().scale(environment.id(), "orders", 5);
        controlPlane.clusters().changeVersion(environment.id(), "orders", "v1.13.0");
        controlPlane.clusters().changeResources(environment.id(), "orders", null, null, "30Gi");
        ClusterView restarted = controlPlane.clusters().restart(environment.id(), "orders");
        controlPlane.clusters().suspend(environment.id(), "orders");
        await().atMost(WAIT).untilAsserted(() -> {
            QdrantCluster applied = liveCluster(namespace, "orders");
            assertThat(applied.getSpec().getSize()).isEqualTo(5);
            assertThat(applied.getSpec().getVersion()).isEqualTo("v1.13.0");
            assertThat(applied.getSpec().getResources().getStorage()).isEqualTo("30Gi");
            assertThat(applied.getSpec().getSuspend()).isTrue();
            assertThat(applied.getMetadata().getAnnotations())
                    .containsEntry(QdrantApi.Annotations.RESTARTED_AT, restarted.restartedAt());
        });

        // Play the operator: the status it writes travels back through the agent.
        cluster.client().resources(QdrantCluster.class).inNamespace(namespace).withName("qdrant-orders")
                .editStatus(qc -> {
                    QdrantClusterStatus status = new QdrantClusterStatus();
                    status.setPhase(ClusterPhase.SUSPENDED);
                    status.setAvailableNodes(0);
                    status.setVersion("v1.13.0");
                    qc.setStatus(status);
                    return qc;
                });
        await().atMost(WAIT).untilAsserted(() -> {
            ClusterView view = controlPlane.clusters().get(environment.id(), "orders");
            assertThat(view.phase()).isEqualTo("Suspended");
            assertThat(view.runningVersion()).isEqualTo("v1.13.0");
            assertThat(view.nodes()).isEqualTo(5);
            assertThat(view.suspended()).isTrue();
        });

        controlPlane.clusters().resume(environment.id(), "orders");
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(liveCluster(namespace, "orders").getSpec().getSuspend()).isFalse());
        controlPlane.clusters().delete(environment.id(), "orders");
        await().atMost(WAIT).untilAsserted(() -> assertThat(liveCluster(namespace, "orders")).isNull());
        await().atMost(WAIT).untilAsserted(() -> assertThat(controlPlane.clusters().list(environment.id())).isEmpty());
    }

    @Test
    void backupsSchedulesAndRestoresBecomeTheirResources() {
        EnvironmentView environment = controlPlane.environments().create("backups", cluster.createNamespace("cp-bk"));
        String namespace = environment.namespace();
        startAgent(environment.id());
        controlPlane.clusters().create(environment.id(), NewCluster.of("docs", 1, "v1.12.3"));

        BackupView backup = controlPlane.backups().takeBackup(environment.id(), "docs", 72);
        ScheduleView schedule = controlPlane.backups().createSchedule(environment.id(), "docs", "0 3 * * *", 24);
        RestoreView restore = controlPlane.backups().restore(environment.id(), backup.name(), "docs-copy", true);

        await().atMost(WAIT).untilAsserted(() -> {
            QdrantClusterSnapshot snapshot = cluster.client().resources(QdrantClusterSnapshot.class)
                    .inNamespace(namespace).withName(backup.name()).get();
            assertThat(snapshot).isNotNull();
            assertThat(snapshot.getSpec().getClusterId()).isEqualTo("docs");
            assertThat(snapshot.getSpec().getRetention()).isEqualTo("72h");
            assertThat(snapshot.getMetadata().getLabels()).containsEntry(QdrantApi.Labels.CLUSTER_ID, "docs");

            QdrantClusterScheduledSnapshot scheduled = cluster.client().resources(QdrantClusterScheduledSnapshot.class)
                    .inNamespace(namespace).withName(schedule.name()).get();
            assertThat(scheduled).isNotNull();
            assertThat(scheduled.getSpec().getSchedule()).isEqualTo("0 3 * * *");
            assertThat(scheduled.getSpec().getRetention()).isEqualTo("24h");
            assertThat(scheduled.getSpec().getScheduleShortId()).hasSizeLessThanOrEqualTo(8);

            QdrantClusterRestore restoring = cluster.client().resources(QdrantClusterRestore.class)
                    .inNamespace(namespace).withName(restore.name()).get();
            assertThat(restoring).isNotNull();
            assertThat(restoring.getSpec().getSource().getSnapshotName()).isEqualTo(backup.name());
            assertThat(restoring.getSpec().getDestination().getName()).isEqualTo("qdrant-docs-copy");
            assertThat(restoring.getSpec().getDestination().getCreate()).isTrue();
        });

        // Play the operator finishing the restore: the control plane adopts the new cluster it made.
        cluster.client().resources(QdrantClusterRestore.class).inNamespace(namespace).withName(restore.name())
                .editStatus(r -> {
                    QdrantClusterRestoreStatus status = new QdrantClusterRestoreStatus();
                    status.setPhase(RestorePhase.SUCCEEDED);
                    r.setStatus(status);
                    return r;
                });
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(controlPlane.clusters().list(environment.id())).extracting(ClusterView::id)
                    .containsExactlyInAnyOrder("docs", "docs-copy");
            assertThat(controlPlane.backups().listRestores(environment.id())).singleElement()
                    .extracting(RestoreView::phase).isEqualTo("Succeeded");
        });
        QdrantCluster adopted = controlPlane.clusters().desired(environment.id(), "docs-copy");
        assertThat(adopted.getSpec().getId()).isEqualTo("docs-copy");
        assertThat(adopted.getMetadata().getLabels()).containsEntry(QdrantApi.Labels.CLUSTER_ID, "docs-copy");
        assertThat(adopted.getSpec().getVersion()).isEqualTo("v1.12.3");

        // Deleting the cluster takes its schedule along; the backup stays.
        controlPlane.clusters().delete(environment.id(), "docs");
        assertThat(controlPlane.backups().listSchedules(environment.id())).isEmpty();
        assertThat(controlPlane.backups().listBackups(environment.id())).extracting(BackupView::name)
                .containsExactly(backup.name());
        await().atMost(WAIT).untilAsserted(() -> assertThat(cluster.client()
                .resources(QdrantClusterScheduledSnapshot.class).inNamespace(namespace).withName(schedule.name()).get())
                .isNull());
    }

    @Test
    void instructionIssuedDuringAnOutageReachesTheAgentExactlyOnceAfterRecovery() {
        EnvironmentView environment = controlPlane.environments().create("outage", cluster.createNamespace("cp-out"));
        String namespace = environment.namespace();
        InProcessAgent agent = startAgent(environment.id());
        controlPlane.clusters().create(environment.id(), NewCluster.of("orders", 3, "v1.12.3"));
        await().atMost(WAIT).until(() -> liveCluster(namespace, "orders") != null);
        int port = controlPlane.port();

        controlPlane.outage();
        assertThat(controlPlane.isUp()).isFalse();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(agent.agent().connectionState()).isNotEqualTo(ConnectionState.CONNECTED);
            assertThat(controlPlane.environments().isConnected(environment.id())).isFalse();
        });
        controlPlane.clusters().scale(environment.id(), "orders", 5);
        assertThat(liveCluster(namespace, "orders").getSpec().getSize())
                .as("nothing can reach the agent while the control plane is down").isEqualTo(3);

        controlPlane.recover();
        assertThat(controlPlane.port()).isEqualTo(port);
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(liveCluster(namespace, "orders").getSpec().getSize()).isEqualTo(5));
        long desiredRevision = controlPlane.environments().get(environment.id()).desiredRevision();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(agent.agent().lastAppliedRevision()).isEqualTo(desiredRevision);
            assertThat(controlPlane.environments().get(environment.id()).acknowledgedRevision()).isEqualTo(desiredRevision);
        });
        // One create before the outage, one update after it: the resync applied the scale once.
        assertThat(agent.writes("qdrantclusters")).isEqualTo(2);
        assertThat(controlPlane.events().history()).extracting(ControlPlaneEvent::type)
                .containsSubsequence(ControlPlaneEvent.Type.OUTAGE_STARTED, ControlPlaneEvent.Type.CLUSTER_CHANGED,
                        ControlPlaneEvent.Type.OUTAGE_ENDED, ControlPlaneEvent.Type.AGENT_CONNECTED);
    }

    @Test
    void disconnectCutsOneAgentWhichReconnectsByItself() {
        EnvironmentView environment = controlPlane.environments().create("cut", cluster.createNamespace("cp-cut"));
        startAgent(environment.id());
        await().atMost(WAIT).until(() -> controlPlane.environments().isConnected(environment.id()));
        String firstSession = controlPlane.gateway().sessionOf(environment.id()).orElseThrow().sessionId();

        controlPlane.disconnect(environment.id());

        await().atMost(WAIT).untilAsserted(() -> assertThat(controlPlane.gateway().sessionOf(environment.id()))
                .hasValueSatisfying(session -> assertThat(session.sessionId()).isNotEqualTo(firstSession)));
        // The old connection's close and the new one's handshake run on different event-loop threads: either may
        // be published first, so the test counts them rather than expect an order.
        await().atMost(WAIT).untilAsserted(() -> assertThat(controlPlane.events().history())
                .filteredOn(e -> e.environmentId().equals(environment.id())).extracting(ControlPlaneEvent::type)
                .containsOnlyOnce(ControlPlaneEvent.Type.AGENT_DISCONNECTED)
                .filteredOn(ControlPlaneEvent.Type.AGENT_CONNECTED::equals).hasSize(2));
    }

    @Test
    void aDisconnectedAgentIsNotShownReadyAndAChangeMadeMeanwhileIsPendingWithWhy() {
        EnvironmentView environment = controlPlane.environments().create("truth", cluster.createNamespace("cp-truth"));
        startAgent(environment.id());
        await().atMost(WAIT).until(() -> controlPlane.environments().get(environment.id()).phase()
                == EnvironmentPhase.READY);

        controlPlane.outage();
        await().atMost(WAIT).until(() -> !controlPlane.environments().isConnected(environment.id()));
        EnvironmentView away = controlPlane.environments().get(environment.id());
        controlPlane.clusters().create(environment.id(), NewCluster.of("orders", 1, "v1.12.3"));
        ClusterView waiting = controlPlane.clusters().get(environment.id(), "orders");

        assertThat(away.phase()).as(away.phaseMessage()).isNotEqualTo(EnvironmentPhase.READY);
        assertThat(away.phaseMessage()).contains("disconnected");
        assertThat(away.components()).filteredOn(c -> c.name().equals("qdrant-cloud-agent"))
                .singleElement().satisfies(agent -> assertThat(agent.phase()).isEqualTo(ComponentPhase.NOT_READY));
        assertThat(waiting.pending()).isTrue();
        assertThat(waiting.pendingReason()).contains("not yet applied (agent disconnected since");

        controlPlane.recover();
        await().atMost(WAIT).until(() -> !controlPlane.clusters().get(environment.id(), "orders").pending());
        assertThat(controlPlane.environments().get(environment.id()).components())
                .allMatch(c -> !c.name().equals("qdrant-cloud-agent") || c.phase() == ComponentPhase.READY);
    }


}
