package io.qdranthybrid.e2e;

import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantClusterSnapshot;
import io.qdranthybrid.harness.controlplane.BackupView;
import io.qdranthybrid.harness.controlplane.ConflictException;
import io.qdranthybrid.harness.controlplane.ControlPlaneEvent;
import io.qdranthybrid.harness.controlplane.NewCluster;
import io.qdranthybrid.harness.controlplane.NotFoundException;
import io.qdranthybrid.harness.junit.HybridCloudTest;
import io.qdranthybrid.harness.stack.HybridEnvironment;
import io.qdranthybrid.platform.environment.EnvironmentPhase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Issue 18 item 7: deleting an environment in the hosted product's order. Clusters first; then the environment reads
 * DELETING while its agent removes what it manages (a backup here), and the record goes once the agent confirmed,
 * here after the agent was away when the delete started.
 */
@HybridCloudTest
class OffboardingTest {

    @Test
    void anEnvironmentIsRefusedWhileItHasClustersThenReadsDeletingUntilItsAgentRemovedWhatItManages(
            HybridEnvironment env) {
        env.createCluster(NewCluster.of("ledger", 1, "v1.12.3"));
        env.awaitCluster("ledger", ClusterPhase.HEALTHY, Waits.CONVERGE);
        BackupView requested = env.controlPlane().backups().takeBackup(env.id(), "ledger");
        await("backup succeeded").atMost(Waits.CONVERGE).pollInterval(Waits.POLL).until(() ->
                env.controlPlane().backups().getBackup(env.id(), requested.name()).phase().equals("Succeeded"));

        assertThatThrownBy(() -> env.controlPlane().environments().delete(env.id()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("still has clusters [ledger]");
        env.controlPlane().clusters().delete(env.id(), "ledger");
        await("cluster gone").atMost(Waits.CONVERGE).pollInterval(Waits.POLL)
                .until(() -> env.controlPlane().clusters().list(env.id()).isEmpty());
        assertThat(backups(env)).as("the backup outlives its cluster until deleted").hasSize(1);

        // The agent is away when the delete starts: the environment reads DELETING until it is back and confirms.
        env.stack().stopAgent();
        await("agent session gone").atMost(Waits.PROMPTLY).pollInterval(Waits.POLL).until(() -> !env.view().connected());
        env.controlPlane().environments().delete(env.id());
        assertThat(env.view().phase()).isEqualTo(EnvironmentPhase.DELETING);
        assertThat(env.view().phaseMessage()).contains("waiting for the agent to remove what it manages");
        assertThatThrownBy(() -> env.createCluster(NewCluster.of("late", 1, "v1.12.3")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("is being deleted");
        assertThat(backups(env)).as("nothing is removed while the agent is away").hasSize(1);

        env.stack().restartAgent();

        await("environment gone").atMost(Waits.CONVERGE).pollInterval(Waits.POLL).untilAsserted(() ->
                assertThatThrownBy(() -> env.controlPlane().environments().get(env.id()))
                        .isInstanceOf(NotFoundException.class));
        await("the agent deleted the backup it made").atMost(Waits.PROMPTLY).pollInterval(Waits.POLL)
                .until(() -> backups(env).isEmpty());
        List<ControlPlaneEvent.Type> types = env.controlPlane().events().history().stream()
                .filter(e -> e.environmentId().equals(env.id())).map(ControlPlaneEvent::type).toList();
        assertThat(types).containsSubsequence(ControlPlaneEvent.Type.ENVIRONMENT_DELETING,
                ControlPlaneEvent.Type.ENVIRONMENT_DELETED);
        assertThat(env.controlPlane().events().history()).filteredOn(e -> e.environmentId().equals(env.id())
                && e.type() == ControlPlaneEvent.Type.ENVIRONMENT_DELETED).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("the agent removed what it managed")
                        .contains("cleanup --namespace " + env.namespace()));
    }

    private static List<QdrantClusterSnapshot> backups(HybridEnvironment env) {
        return env.client().resources(QdrantClusterSnapshot.class).inNamespace(env.namespace()).list().getItems();
    }
}
