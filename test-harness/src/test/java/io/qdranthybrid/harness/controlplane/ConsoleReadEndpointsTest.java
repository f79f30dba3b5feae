package io.qdranthybrid.harness.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The read-only endpoints the console's environment and cluster pages use, over real HTTP, with no agent. */
class ConsoleReadEndpointsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private SimulatedControlPlane controlPlane;
    private String environment;

    @BeforeEach
    void start() {
        controlPlane = SimulatedControlPlane.start(ControlPlaneSettings.fast());
        EnvironmentView created = controlPlane.environments().create("pages", "qdrant");
        controlPlane.clusters().create(created.id(), NewCluster.of("orders", 3, "v1.12.3"));
        environment = controlPlane.consoleUrl() + "api/v1/hybrid-cloud-environments/" + created.id();
    }

    @AfterEach
    void stop() {
        controlPlane.close();
    }

    @Test
    void anEnvironmentWhoseAgentNeverCameSaysSo() throws Exception {
        JsonNode agent = get(environment + "/agent", 200);
        assertThat(agent.path("state").asText()).isEqualTo("NEVER_CONNECTED");
        assertThat(agent.path("since").isNull()).isTrue();
        assertThat(agent.path("lastContactAt").isNull()).isTrue();
    }

    @Test
    void aClusterNotYetReportedHasNoNodesAndNoEvents() throws Exception {
        assertThat(get(environment + "/clusters/orders/nodes", 200).path("items")).isEmpty();
        assertThat(get(environment + "/clusters/orders/events", 200).path("items")).isEmpty();
    }

    @Test
    void unknownClustersAndWritesToReadOnlyPagesAreRefused() throws Exception {
        assertThat(get(environment + "/clusters/payments/nodes", 404).path("message").asText()).contains("payments");
        assertThat(get(environment + "/clusters/payments/events", 404).path("message").asText()).contains("payments");
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(environment + "/agent"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    private JsonNode get(String url, int expectedStatus) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }
}
