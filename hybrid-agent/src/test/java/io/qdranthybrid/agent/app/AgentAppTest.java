package io.qdranthybrid.agent.app;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The packaged app: configured by properties, live and ready without a control plane, metrics on /prometheus. */
class AgentAppTest {

    private static SimulatedCluster cluster;
    private static Path kubeconfig;
    private static Path accessKeyFile;

    @BeforeAll
    static void start() throws IOException {
        cluster = SimulatedCluster.start();
        kubeconfig = Files.createTempFile("kubeconfig", ".yaml");
        Files.writeString(kubeconfig, cluster.kubeconfig());
        accessKeyFile = Files.createTempFile("access-key", ".txt");
        Files.writeString(accessKeyFile, UUID.randomUUID() + "|app-test-secret\n");
    }

    @AfterAll
    static void stop() throws IOException {
        cluster.close();
        Files.deleteIfExists(kubeconfig);
        Files.deleteIfExists(accessKeyFile);
    }

    @Test
    void appIsLiveAndReadyWhileTheControlPlaneIsUnreachableAndExportsConnectionMetrics() throws IOException {
        // A port nothing listens on: the control plane is down for the whole test.
        int deadPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            deadPort = probe.getLocalPort();
        }
        String namespace = cluster.createNamespace("agent-app");
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
                settings(namespace, "ws://127.0.0.1:" + deadPort + "/agent/v1"));
             HttpClient http = HttpClient.create(server.getURL())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> status(http, "/health/readiness") == 200);
            assertThat(status(http, "/health/liveness")).isEqualTo(200);

            String metrics = http.toBlocking().retrieve("/prometheus");
            assertThat(metrics).contains("qdrant_agent_connected 0.0").contains("qdrant_agent_messages_in_total")
                    .contains("qdrant_agent_messages_out_total").contains("qdrant_agent_reconnects_total")
                    .contains("qdrant_agent_buffered_items").contains("qdrant_agent_dropped_items_total")
                    .contains("qdrant_agent_apply_latency_seconds");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    http.toBlocking().retrieve("/prometheus")).containsPattern("qdrant_agent_connect_failures_total [1-9]"));
            assertThat(metrics).doesNotContain("app-test-secret");
        }
    }

    @Test
    void appConnectsToTheControlPlaneAndSaysSoInMetrics() throws IOException {
        try (MockWebServer controlPlane = new MockWebServer()) {
            controlPlane.enqueue(new MockResponse().withWebSocketUpgrade(new WelcomingControlPlane()));
            controlPlane.start();
            String namespace = cluster.createNamespace("agent-app");
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
                    settings(namespace, "ws://127.0.0.1:" + controlPlane.getPort() + "/agent/v1"));
                 HttpClient http = HttpClient.create(server.getURL())) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                        http.toBlocking().retrieve("/prometheus")).contains("qdrant_agent_connected 1.0"));
            }
        }
    }

    @Test
    void appRefusesToStartWithAPlaintextControlPlaneUrlUnlessInsecureIsAllowedExplicitly() {
        Map<String, Object> settings = settings(cluster.createNamespace("agent-app"), "ws://127.0.0.1:1/agent/v1");
        settings.remove("qdrant.agent.allow-insecure");

        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, settings).close())
                .satisfies(e -> assertThat(rootCause(e)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("plaintext ws://").hasMessageContaining("wss://")
                        .hasMessageContaining("QDRANT_AGENT_ALLOW_INSECURE"));
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static Map<String, Object> settings(String namespace, String url) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("micronaut.server.port", -1);
        settings.put("qdrant.agent.control-plane-url", url);
        settings.put("qdrant.agent.environment-id", "env-app-test");
        settings.put("qdrant.agent.access-key-file", accessKeyFile.toString());
        settings.put("qdrant.agent.namespace", namespace);
        settings.put("qdrant.agent.kubeconfig", kubeconfig.toString());
        settings.put("qdrant.agent.environment-poll-interval", "1s");
        settings.put("qdrant.agent.shutdown-timeout", "2s");
        // The test control planes listen on plaintext loopback.
        settings.put("qdrant.agent.allow-insecure", true);
        return settings;
    }

    private static int status(HttpClient http, String path) {
        try {
            return http.toBlocking().exchange(path).getStatus().getCode();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    /** Just enough control plane: answers the Hello with a Welcome. */
    private static final class WelcomingControlPlane extends WebSocketListener {
        private final io.qdranthybrid.protocol.codec.MessageCodec codec = new io.qdranthybrid.protocol.codec.MessageCodec();

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            var decoded = codec.decodeFromAgent(text);
            if (decoded instanceof io.qdranthybrid.protocol.codec.DecodeResult.Decoded<?> d
                    && d.envelope().message() instanceof io.qdranthybrid.protocol.message.Hello) {
                webSocket.send(codec.encode(io.qdranthybrid.protocol.message.Envelope.wrap(
                        new io.qdranthybrid.protocol.message.Welcome(1, "s1", Duration.ofSeconds(5),
                                Duration.ofSeconds(15), 1024 * 1024), java.time.Clock.systemUTC())));
            }
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(1000, null);
        }
    }
}
