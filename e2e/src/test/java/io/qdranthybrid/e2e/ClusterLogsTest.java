package io.qdranthybrid.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.harness.controlplane.NewCluster;
import io.qdranthybrid.harness.junit.HybridCloudTest;
import io.qdranthybrid.harness.stack.Faults;
import io.qdranthybrid.harness.stack.HybridEnvironment;
import io.qdranthybrid.harness.stack.Interruption;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Logs and Kubernetes events on request, through the whole path: REST API → gateway → query → agent → pods/log and
 * events of the simulated cluster → chunks back. Nothing is read unless asked.
 */
@HybridCloudTest
class ClusterLogsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aNodesLogShowsQdrantStartingAndJoiningAndItsPreviousLogSurvivesACrash(HybridEnvironment env, Faults faults)
            throws Exception {
        env.createCluster(NewCluster.of("logs", 2, "v1.12.3"));
        env.awaitCluster("logs", ClusterPhase.HEALTHY, Waits.CONVERGE);
        env.qdrant("logs").seedCollection("docs", 2, 2, 100);
        String cluster = env.controlPlane().consoleUrl() + "api/v1/hybrid-cloud-environments/" + env.id()
                + "/clusters/logs";

        Reply first = get(cluster + "/logs?node=qdrant-logs-0&tailLines=100");
        assertThat(first.code()).as(first.body().toString()).isEqualTo(200);
        String log = first.body().path("log").asText();
        assertThat(log).contains("INFO qdrant: Version: 1.12.3", "Qdrant HTTP listening on 6333",
                "Joined consensus of cluster logs as peer", "Creating collection docs");
        assertThat(log.lines().findFirst().orElseThrow()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z .*");
        assertThat(first.body().path("truncated").asBoolean()).isFalse();
        Reply tail = get(cluster + "/logs?node=qdrant-logs-0&tailLines=2");
        assertThat(tail.body().path("log").asText().lines()).as("the last two lines only: " + tail).hasSize(2);

        Reply noPrevious = get(cluster + "/logs?node=qdrant-logs-0&previous=true");
        assertThat(noPrevious.code()).isEqualTo(400);
        assertThat(noPrevious.body().path("message").asText())
                .contains("previous terminated container \"qdrant\" in pod \"qdrant-logs-0\" not found");

        faults.crashQdrantNode("logs", 0);
        Reply previous = await("the crashed container's log kept as the previous one").atMost(Waits.CONVERGE)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> get(cluster + "/logs?node=qdrant-logs-0&previous=true"), r -> r.code() == 200);
        assertThat(previous.body().path("log").asText()).contains("Joined consensus", "Panic occurred")
                .doesNotContain("SIGTERM");

        Reply all = get(cluster + "/logs?tailLines=5");
        assertThat(all.body().path("log").asText()).contains("==> qdrant-logs-0 <==", "==> qdrant-logs-1 <==");

        Reply unknownNode = get(cluster + "/logs?node=qdrant-other-0");
        assertThat(unknownNode.code()).isEqualTo(404);
        assertThat(unknownNode.body().path("message").asText()).contains("qdrant-other-0 is not a node of cluster logs",
                "qdrant-logs-0", "qdrant-logs-1");
        assertThat(get(cluster + "/logs?tailLines=5001").code()).as("tailLines above the bound").isEqualTo(400);
    }

    @Test
    void kubernetesEventsListTheClustersObjectsAndADisconnectedAgentSaysSinceWhen(HybridEnvironment env,
                                                                                 Faults faults) throws Exception {
        env.createCluster(NewCluster.of("events", 1, "v1.12.3"));
        env.awaitCluster("events", ClusterPhase.HEALTHY, Waits.CONVERGE);
        String cluster = env.controlPlane().consoleUrl() + "api/v1/hybrid-cloud-environments/" + env.id()
                + "/clusters/events";

        Reply events = get(cluster + "/kubernetes-events");
        assertThat(events.code()).as(events.body().toString()).isEqualTo(200);
        assertThat(events.body().path("items")).anySatisfy(e -> {
            assertThat(e.path("involvedKind").asText()).isEqualTo("PersistentVolumeClaim");
            assertThat(e.path("reason").asText()).isEqualTo("ProvisioningSucceeded");
        });
        assertThat(events.body().path("items")).allSatisfy(e -> assertThat(e.path("involvedName").asText())
                .contains("events"));
        assertThat(get(cluster + "/events").code()).as("the control plane's own events still served").isEqualTo(200);

        try (Interruption cut = faults.cutAgentConnection()) {
            await("agent session gone").atMost(Waits.PROMPTLY).pollInterval(Waits.POLL)
                    .until(() -> !env.view().connected());
            Reply away = get(cluster + "/logs?node=qdrant-events-0");
            assertThat(away.code()).isEqualTo(503);
            assertThat(away.body().path("message").asText()).contains("is disconnected since");
        }
    }

    private record Reply(int code, JsonNode body) {
    }

    private static Reply get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), JSON.readTree(response.body()));
    }
}
