package io.qdranthybrid.harness.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterStatus;
import io.qdranthybrid.harness.controlplane.RestCalls.Answer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.qdranthybrid.harness.controlplane.RestCalls.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 16, through the REST API with the real agent in a simulated cluster: the control plane's view says what
 * happened and what to do when the agent is refused or away, a change not yet applied is shown as such, and a deleted
 * cluster shows Deleting until the agent reports it gone. No operator runs; the tests write its status where needed.
 */
class ControlPlaneHonestyTest extends AgentOnSimulatedCluster {

    private final RestCalls rest = new RestCalls();

    @Test
    void rotatingTheKeyOfARunningAgentTakesTheEnvironmentOutOfReadyAndSaysWhatToDo() {
        String environment = readyEnvironment("rotated", "cp-rotated");

        assertThat(rest.call("POST", url(environment) + "/bootstrap-commands", null).status()).isEqualTo(200);

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode now = rest.call("GET", url(environment), null).body();
            assertThat(now.path("connected").asBoolean()).isFalse();
            assertThat(now.path("phase").asText()).as(now.toString()).isEqualTo("NOT_READY");
            assertThat(now.path("phaseMessage").asText()).contains("refused").contains("KEY_ROTATED")
                    .contains("apply the latest bootstrap commands");
            assertThat(now.path("agentConnection").asText()).isEqualTo("REFUSED");
            assertThat(now.path("agentConnectionDetail").asText()).startsWith("KEY_ROTATED");
        });
        Answer created = rest.call("POST", url(environment) + "/clusters",
                "{\"id\":\"orders\",\"nodes\":1,\"version\":\"v1.12.3\"}");
        assertThat(created.body().path("pending").asBoolean()).isTrue();
        assertThat(created.body().path("pendingReason").asText()).startsWith("not yet applied (agent refused since")
                .contains("KEY_ROTATED");
        assertThat(created.body().path("summary").asText()).startsWith("pending: not yet applied")
                .contains("asked 1 nodes of v1.12.3").contains("nothing reported running yet");
    }

    @Test
    void aStoppedAgentLeavesTheEnvironmentUnknownWithWhatToCheck() {
        String environment = readyEnvironment("stopped", "cp-stopped");

        agents.remove(0).close();

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode now = rest.call("GET", url(environment), null).body();
            assertThat(now.path("phase").asText()).as(now.toString()).isEqualTo("UNKNOWN");
            assertThat(now.path("phaseMessage").asText()).contains("disconnected")
                    .contains("kubectl -n " + controlPlane.environments().get(environment).namespace()
                            + " logs deploy/qdrant-cloud-agent");
        });
    }

    @Test
    void aScaleDownTheAgentHasNotAppliedShowsWhatWasAskedApartFromWhatRuns() {
        String environment = readyEnvironment("pending", "cp-pending");
        rest.call("POST", url(environment) + "/clusters", "{\"id\":\"orders\",\"nodes\":3,\"version\":\"v1.12.3\"}");
        await().atMost(WAIT).until(() -> liveCluster(namespace(environment), "orders") != null);
        reportRunning(namespace(environment), "orders", 3);
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode reported = rest.call("GET", url(environment) + "/clusters/orders", null).body();
            assertThat(reported.path("pending").asBoolean()).as(reported.toString()).isFalse();
        });
        agents.remove(0).close();
        await().atMost(WAIT).until(() -> !controlPlane.environments().isConnected(environment));

        JsonNode scaled = rest.call("POST", url(environment) + "/clusters/orders/scale", "{\"nodes\":2}").body();

        assertThat(scaled.path("phase").asText()).isEqualTo("Healthy");
        assertThat(scaled.path("nodes").asInt()).as("asked").isEqualTo(2);
        assertThat(scaled.path("runningNodes").asInt()).as("running").isEqualTo(3);
        assertThat(scaled.path("pending").asBoolean()).isTrue();
        assertThat(scaled.path("pendingReason").asText()).startsWith("not yet applied (agent disconnected since");
        assertThat(scaled.path("summary").asText()).startsWith("pending: not yet applied (agent disconnected since")
                .contains("asked 2 nodes of v1.12.3, running 3 nodes of v1.12.3 (Healthy, 3 ready)")
                .doesNotContain("3/2");

        startAgent(environment);
        await().atMost(WAIT).until(() -> liveCluster(namespace(environment), "orders").getSpec().getSize() == 2);
        reportRunning(namespace(environment), "orders", 2);
        await().atMost(WAIT).untilAsserted(() -> assertThat(rest.call("GET", url(environment) + "/clusters/orders", null)
                .body().path("summary").asText()).isEqualTo("Healthy, 2/2 nodes ready"));
    }

    @Test
    void aDeletedClusterShowsDeletingUntilTheAgentReportsItGone() {
        String environment = readyEnvironment("deleting", "cp-deleting");
        rest.call("POST", url(environment) + "/clusters", "{\"id\":\"orders\",\"nodes\":1,\"version\":\"v1.12.3\"}");
        await().atMost(WAIT).until(() -> liveCluster(namespace(environment), "orders") != null);
        reportRunning(namespace(environment), "orders", 1);
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode reported = rest.call("GET", url(environment) + "/clusters/orders", null).body();
            assertThat(reported.path("phase").asText()).as(reported.toString()).isEqualTo("Healthy");
        });
        agents.remove(0).close();
        await().atMost(WAIT).until(() -> !controlPlane.environments().isConnected(environment));

        assertThat(rest.call("DELETE", url(environment) + "/clusters/orders", null).status()).isEqualTo(204);

        JsonNode deleting = rest.call("GET", url(environment) + "/clusters/orders", null).body();
        assertThat(deleting.path("phase").asText()).isEqualTo(ClusterView.DELETING);
        assertThat(deleting.path("reason").asText()).contains("waiting for the agent to report its objects gone");
        assertThat(deleting.path("pendingReason").asText()).startsWith("not yet applied (agent disconnected since");
        assertThat(rest.call("GET", url(environment) + "/clusters", null).body().path("items"))
                .extracting(item -> item.path("phase").asText()).containsExactly(ClusterView.DELETING);
        assertError(rest.call("POST", url(environment) + "/clusters/orders/scale", "{\"nodes\":2}"), 409,
                "cluster orders is being deleted");
        assertThat(rest.call("DELETE", url(environment) + "/clusters/orders", null).status())
                .as("deleting again is the same delete").isEqualTo(204);

        startAgent(environment);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(rest.call("GET", url(environment) + "/clusters", null).body().path("items")).isEmpty();
            assertError(rest.call("GET", url(environment) + "/clusters/orders", null), 404, "no cluster orders");
        });
        assertThat(liveCluster(namespace(environment), "orders")).isNull();
        assertThat(controlPlane.events().history()).extracting(ControlPlaneEvent::type)
                .contains(ControlPlaneEvent.Type.CLUSTER_REMOVED);
    }

    private String readyEnvironment(String name, String namespace) {
        String environment = controlPlane.environments().create(name, cluster.createNamespace(namespace)).id();
        startAgent(environment);
        await().atMost(WAIT).until(() -> rest.call("GET", url(environment), null).body().path("phase").asText()
                .equals("READY"));
        return environment;
    }

    private String namespace(String environmentId) {
        return controlPlane.environments().get(environmentId).namespace();
    }


    private String url(String environmentId) {
        return controlPlane.consoleUrl() + "api/v1/hybrid-cloud-environments/" + environmentId;
    }

    /** Plays the operator: a Healthy status with this many nodes running, which the agent reports. */
    private static void reportRunning(String namespace, String id, int nodes) {
        cluster.client().resources(QdrantCluster.class).inNamespace(namespace).withName("qdrant-" + id)
                .editStatus(qc -> {
                    QdrantClusterStatus status = new QdrantClusterStatus();
                    status.setPhase(ClusterPhase.HEALTHY);
                    status.setAvailableNodes(nodes);
                    status.setCurrentNodes(nodes);
                    status.setVersion("v1.12.3");
                    qc.setStatus(status);
                    return qc;
                });
    }
}
