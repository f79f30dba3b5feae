package io.qdranthybrid.agent.app;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.qdranthybrid.agent.CloudAgent;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.protocol.client.AgentConnectionSettings;
import io.qdranthybrid.protocol.client.ConnectionState;
import io.qdranthybrid.protocol.client.ProxySettings;
import io.qdranthybrid.protocol.message.MessageType;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

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

    /**
     * The shutdown wiring: closing the app closes the CloudAgent (stop observing, flush, then a normal close frame).
     * That the flush sends a status buffered just before close is shown on the connection itself
     * ({@code AgentConnectionTest.closingFlushesBufferedStatusesAndClosesNormally}); without this wiring the socket
     * would simply stay open and nothing buffered would be sent.
     */
    @Test
    void stoppingTheAppClosesTheAgentsSessionNormallyAfterWhatItSent() throws IOException {
        RecordingControlPlane recorder = new RecordingControlPlane();
        try (MockWebServer controlPlane = new MockWebServer()) {
            controlPlane.enqueue(new MockResponse().withWebSocketUpgrade(recorder));
            controlPlane.start();
            // A report interval longer than the test: no environment status is due on its own after the first ones
            // (at connect, and once the start-up prerequisites are checked; the two may arrive between two looks).
            Map<String, Object> settings = settings(cluster.createNamespace("agent-app"),
                    "ws://127.0.0.1:" + controlPlane.getPort() + "/agent/v1");
            settings.put("qdrant.agent.environment-poll-interval", "1h");
            settings.put("qdrant.agent.environment-report-interval", "1h");
            EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, settings);
            try {
                CloudAgent agent = server.getApplicationContext().getBean(AgentRuntime.class).agent();
                await().atMost(Duration.ofSeconds(30)).until(() -> agent.connectionState() == ConnectionState.CONNECTED
                        && recorder.received(MessageType.ENVIRONMENT_STATUS) >= 1);
            } finally {
                server.close();
            }

            await().atMost(Duration.ofSeconds(10)).until(() -> !recorder.closeCodes.isEmpty());
            assertThat(recorder.closeCodes).containsExactly(1000);
            assertThat(recorder.closeReasons).containsExactly("agent shutting down");
            assertThat(recorder.types).contains(MessageType.HELLO, MessageType.ENVIRONMENT_STATUS);
        }
    }

    @Test
    void proxyCaBundleAndAccessKeyFromEnvironmentVariablesReachTheConnectionSettings(@TempDir Path directory)
            throws IOException {
        Path caFile = Files.writeString(directory.resolve("ca.pem"), TEST_CA_PEM);
        String key = UUID.randomUUID() + "|env-var-secret";
        Map<String, Object> environment = new HashMap<>();
        environment.put("QDRANT_AGENT_CONTROL_PLANE_URL", "wss://control-plane.example.com/agent/v1");
        environment.put("QDRANT_AGENT_ENVIRONMENT_ID", "env-from-env");
        environment.put("QDRANT_AGENT_ACCESS_KEY", key);
        environment.put("QDRANT_AGENT_PROXY_URL", "http://agent:proxy-secret@proxy.corp.example:3128");
        environment.put("QDRANT_AGENT_NO_PROXY", "corp.example,10.0.0.0/8");
        environment.put("QDRANT_AGENT_CA_BUNDLE_FILE", caFile.toString());
        environment.put("QDRANT_AGENT_KUBECONFIG", kubeconfig.toString());

        try (ApplicationContext context = ApplicationContext.builder().propertySources(PropertySource.of(
                "environment-variables", environment, PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE)).start()) {
            AgentSettings settings = context.getBean(AgentSettings.class);
            AgentConnectionSettings connection = settings.connectionSettings("test");

            assertThat(connection.url()).isEqualTo(java.net.URI.create("wss://control-plane.example.com/agent/v1"));
            assertThat(connection.accessKey().reveal()).isEqualTo(key);
            ProxySettings proxy = connection.proxyIfAny().orElseThrow();
            assertThat(proxy.proxyUrl().getHost()).isEqualTo("proxy.corp.example");
            assertThat(proxy.proxyUrl().getPort()).isEqualTo(3128);
            assertThat(proxy.username()).isEqualTo("agent");
            assertThat(proxy.noProxy().bypassesProxy("git.corp.example")).isTrue();
            assertThat(proxy.noProxy().bypassesProxy("control-plane.example.com")).isFalse();
            assertThat(connection.caBundleIfAny()).contains(TEST_CA_PEM);
            assertThat(settings.toString()).doesNotContain("env-var-secret").doesNotContain("proxy-secret");
        }
    }

    private static AgentSettings settingsWithOperatorMetrics(String url) {
        Map<String, Object> environment = new HashMap<>();
        environment.put("QDRANT_AGENT_CONTROL_PLANE_URL", "wss://control-plane.example.com/agent/v1");
        environment.put("QDRANT_AGENT_ENVIRONMENT_ID", "env-from-env");
        environment.put("QDRANT_AGENT_OPERATOR_METRICS_URL", url);
        environment.put("QDRANT_AGENT_ACCESS_KEY", UUID.randomUUID() + "|secret");
        environment.put("QDRANT_AGENT_KUBECONFIG", kubeconfig.toString());
        try (ApplicationContext context = ApplicationContext.builder().propertySources(PropertySource.of(
                "environment-variables", environment, PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE)).start()) {
            return context.getBean(AgentSettings.class);
        }
    }

    @Test
    void theOperatorMetricsUrlIsReadFromTheEnvironmentCanBeTurnedOffAndATypoIsRefusedAtStartup() {
        AgentSettings elsewhere = settingsWithOperatorMetrics("http://operator.monitoring.svc:9090/prometheus");
        assertThat(elsewhere.scrapesOperator()).isTrue();
        assertThat(elsewhere.operatorMetrics()).hasToString("http://operator.monitoring.svc:9090/prometheus");

        assertThat(settingsWithOperatorMetrics("off").scrapesOperator()).isFalse();

        assertThatThrownBy(() -> settingsWithOperatorMetrics("qdrant-hybrid-operator:8285"))
                .satisfies(e -> assertThat(rootCause(e)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("QDRANT_AGENT_OPERATOR_METRICS_URL").hasMessageContaining("'off'"));
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

    @Test
    void withoutANamespaceSettingTheAgentManagesItsKubeconfigContextsNamespace(@TempDir Path directory) throws IOException {
        Path contextual = directory.resolve("kubeconfig.yaml");
        // The simulated cluster's kubeconfig with another context namespace, as `kubectl config set-context` sets it.
        Files.writeString(contextual, cluster.kubeconfig().replace("namespace: default", "namespace: team-context"));
        Map<String, Object> settings = settings("unused", "ws://127.0.0.1:1/agent/v1");
        settings.remove("qdrant.agent.namespace");
        settings.put("qdrant.agent.kubeconfig", contextual.toString());

        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, settings)) {
            assertThat(server.getApplicationContext().getBean(AgentRuntime.class).agent().namespace())
                    .isEqualTo("team-context");
        }
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

    /** Any PEM text will do: the settings carry the file's content; the SDK's TLS tests check what it trusts. */
    private static final String TEST_CA_PEM = "-----BEGIN CERTIFICATE-----\nMIIBtest\n-----END CERTIFICATE-----\n";

    /** Welcomes the agent and records what it sends and how it closes. */
    private static final class RecordingControlPlane extends WelcomingControlPlane {
        final List<MessageType> types = new CopyOnWriteArrayList<>();
        final List<Integer> closeCodes = new CopyOnWriteArrayList<>();
        final List<String> closeReasons = new CopyOnWriteArrayList<>();

        long received(MessageType type) {
            return types.stream().filter(type::equals).count();
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            if (codec.decodeFromAgent(text) instanceof io.qdranthybrid.protocol.codec.DecodeResult.Decoded<?> d) {
                types.add(d.envelope().message().type());
            }
            super.onMessage(webSocket, text);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            closeCodes.add(code);
            closeReasons.add(reason);
            super.onClosing(webSocket, code, reason);
        }
    }

    /** Just enough control plane: answers the Hello with a Welcome. */
    private static class WelcomingControlPlane extends WebSocketListener {
        final io.qdranthybrid.protocol.codec.MessageCodec codec = new io.qdranthybrid.protocol.codec.MessageCodec();

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
