package io.qdranthybrid.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.harness.controlplane.BackupView;
import io.qdranthybrid.harness.controlplane.ClusterView;
import io.qdranthybrid.harness.controlplane.Clusters;
import io.qdranthybrid.harness.controlplane.ConflictException;
import io.qdranthybrid.harness.controlplane.ControlPlaneEvent;
import io.qdranthybrid.harness.controlplane.ForcedDeletion;
import io.qdranthybrid.harness.controlplane.NewCluster;
import io.qdranthybrid.harness.controlplane.NotFoundException;
import io.qdranthybrid.harness.junit.HybridCloudTest;
import io.qdranthybrid.harness.stack.HybridEnvironment;
import io.qdranthybrid.platform.environment.EnvironmentPhase;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Issue 18 item 4: an agent silent longer than the staleness window (3 s here, ~5 min in the hosted product) makes its
 * environment, clusters and backups read UNKNOWN; only then may a delete be forced, and a forced delete removes the
 * record and leaves the customer's cluster untouched.
 */
@HybridCloudTest(stalenessWindowSeconds = 3)
class StaleEnvironmentTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aStaleAgentsClusterReadsUnknownAndOnlyAForcedDeleteRemovesItsRecordLeavingItsObjects(HybridEnvironment env)
            throws Exception {
        Clusters clusters = env.controlPlane().clusters();
        env.createCluster(NewCluster.of("orders", 1, "v1.12.3"));
        env.awaitCluster("orders", ClusterPhase.HEALTHY, Waits.CONVERGE);
        String objectName = env.clusterResource("orders").getMetadata().getName();
        String backup = env.controlPlane().backups().takeBackup(env.id(), "orders").name();
        await("backup succeeded").atMost(Waits.CONVERGE).pollInterval(Waits.POLL).until(() ->
                env.controlPlane().backups().getBackup(env.id(), backup).phase().equals("Succeeded"));

        env.stack().stopAgent();
        assertThatThrownBy(() -> clusters.delete(env.id(), "orders", true)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("force=true is allowed only while cluster orders reads UNKNOWN");

        ClusterView unknown = await("cluster Unknown").atMost(Waits.PROMPTLY).pollInterval(Waits.POLL)
                .until(() -> clusters.get(env.id(), "orders"), c -> c.phase().equals(ClusterView.UNKNOWN));
        assertThat(unknown.reason()).contains("unknown since").contains("no word from the agent since")
                .contains("last reported Healthy");
        assertThat(env.view().phase()).isEqualTo(EnvironmentPhase.UNKNOWN);
        BackupView staleBackup = env.controlPlane().backups().getBackup(env.id(), backup);
        assertThat(staleBackup.phase()).isEqualTo(ClusterView.UNKNOWN);
        assertThat(staleBackup.phaseReason()).contains("last reported Succeeded");

        HttpResponse<String> plain = rest(env, "DELETE", "/clusters/orders");
        assertThat(plain.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(plain.body()).path("message").asText()).contains("reads UNKNOWN")
                .contains("force=true");

        HttpResponse<String> forced = rest(env, "DELETE", "/clusters/orders?force=true");
        assertThat(forced.statusCode()).isEqualTo(200);
        JsonNode answer = JSON.readTree(forced.body());
        assertThat(answer.path("leftovers").asText()).contains("leftovers remain in namespace " + env.namespace())
                .contains("cleanup");
        assertThat(clusters.list(env.id())).isEmpty();
        assertThatThrownBy(() -> clusters.get(env.id(), "orders")).isInstanceOf(NotFoundException.class);
        assertThat(env.controlPlane().events().history()).anyMatch(e -> e.type()
                == ControlPlaneEvent.Type.CLUSTER_FORCE_DELETED && e.detail().contains(env.namespace()));
        assertThat(env.client().resources(QdrantCluster.class).inNamespace(env.namespace()).withName(objectName).get())
                .as("the customer's cluster is untouched").isNotNull();

        // The agent comes back: the cluster is no longer desired, so it deletes it; the control plane never lists it.
        env.stack().restartAgent();
        await("the returning agent deletes the no-longer-desired QdrantCluster").atMost(Waits.CONVERGE)
                .pollInterval(Waits.POLL).until(() -> env.client().resources(QdrantCluster.class)
                        .inNamespace(env.namespace()).withName(objectName).get() == null);
        assertThat(clusters.list(env.id())).isEmpty();
        assertThat(env.awaitReady(Waits.PROMPTLY).phase()).isEqualTo(EnvironmentPhase.READY);
    }

    @Test
    void anEnvironmentWithClustersIsDeletedOnlyWithForceOnceStaleAndItsNamespaceKeepsEverything(
            HybridEnvironment env) {
        env.createCluster(NewCluster.of("ledger", 1, "v1.12.3"));
        env.awaitCluster("ledger", ClusterPhase.HEALTHY, Waits.CONVERGE);
        String objectName = env.clusterResource("ledger").getMetadata().getName();

        assertThatThrownBy(() -> env.controlPlane().environments().delete(env.id(), false))
                .isInstanceOf(ConflictException.class).hasMessageContaining("still has clusters [ledger]")
                .hasMessageContaining("force=true");
        assertThatThrownBy(() -> env.controlPlane().environments().delete(env.id(), true))
                .isInstanceOf(ConflictException.class).hasMessageContaining("force=true is allowed only while");

        env.stack().stopAgent();
        await("cluster Unknown").atMost(Waits.PROMPTLY).pollInterval(Waits.POLL).until(() ->
                env.controlPlane().clusters().get(env.id(), "ledger").phase().equals(ClusterView.UNKNOWN));
        ForcedDeletion forced = env.controlPlane().environments().delete(env.id(), true).orElseThrow();

        assertThat(forced.leftovers()).contains("leftovers remain in namespace " + env.namespace())
                .contains("cleanup --namespace " + env.namespace());
        assertThatThrownBy(() -> env.controlPlane().environments().get(env.id())).isInstanceOf(NotFoundException.class);
        assertThat(env.controlPlane().events().history()).anyMatch(e -> e.type()
                == ControlPlaneEvent.Type.ENVIRONMENT_FORCE_DELETED && e.environmentId().equals(env.id()));
        assertThat(env.client().resources(QdrantCluster.class).inNamespace(env.namespace()).withName(objectName).get())
                .as("the customer's cluster is untouched").isNotNull();
    }

    private static HttpResponse<String> rest(HybridEnvironment env, String method, String path) throws Exception {
        URI uri = URI.create(env.controlPlane().consoleUrl() + "api/v1/hybrid-cloud-environments/" + env.id() + path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
