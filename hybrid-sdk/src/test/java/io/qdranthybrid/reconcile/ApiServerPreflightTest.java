package io.qdranthybrid.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What an app learns, in one line, when it cannot reach Kubernetes: it must not start and retry forever. */
class ApiServerPreflightTest {

    private static final String SETTING = "qdrant.operator.kubeconfig (QDRANT_OPERATOR_KUBECONFIG)";

    @TempDir
    Path dir;

    @Test
    void withNoKubeconfigNoKubeconfigVariableNoHomeConfigAndNoServiceAccountItSaysWhatToSet() {
        assertThatThrownBy(() -> ApiServerPreflight.requireCredentials(null, SETTING, Map.of(), dir,
                dir.resolve("no-token")))
                .isInstanceOf(CannotStartException.class)
                .hasMessage("no Kubernetes credentials: set " + SETTING
                        + " to a kubeconfig file, set KUBECONFIG, or run in a pod with a ServiceAccount");
    }

    @Test
    void anyOfTheUsualSourcesOfCredentialsIsEnough() throws IOException {
        Path token = Files.writeString(dir.resolve("token"), "t");
        assertThatCode(() -> ApiServerPreflight.requireCredentials(null, SETTING,
                Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1"), dir, token)).doesNotThrowAnyException();
        assertThatCode(() -> ApiServerPreflight.requireCredentials(null, SETTING,
                Map.of("KUBECONFIG", "/etc/kube.yaml"), dir, dir.resolve("no-token"))).doesNotThrowAnyException();
        Files.createDirectories(dir.resolve(".kube"));
        Files.writeString(dir.resolve(".kube").resolve("config"), "apiVersion: v1");
        assertThatCode(() -> ApiServerPreflight.requireCredentials(null, SETTING, Map.of(), dir, dir.resolve("no-token")))
                .doesNotThrowAnyException();
    }

    @Test
    void aConfiguredKubeconfigThatDoesNotExistIsNamed() {
        String missing = dir.resolve("missing.yaml").toString();
        assertThatThrownBy(() -> ApiServerPreflight.requireCredentials(missing, SETTING))
                .isInstanceOf(CannotStartException.class)
                .hasMessage(SETTING + " names " + missing + ", which does not exist or cannot be read");
    }

    @Test
    void anApiServerNobodyListensOnIsReportedWithItsAddressWithinTheTimeout() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path kubeconfig = kubeconfig("http://127.0.0.1:" + closedPort);

        assertThatThrownBy(() -> KubernetesClients.createChecked(kubeconfig.toString(), null, "test", SETTING,
                Duration.ofSeconds(5)))
                .isInstanceOf(CannotStartException.class)
                .hasMessageStartingWith("cannot reach the Kubernetes API server at http://127.0.0.1:" + closedPort)
                .hasMessageEndingWith("; check " + SETTING + " and the network to it")
                .hasMessageNotContaining("\n");
    }

    @Test
    void anApiServerThatRefusesTheCredentialsIsReportedAsSuch() throws IOException {
        try (MockWebServer server = new MockWebServer()) {
            // Twice: fabric8 retries a 401 once after refreshing the token its kubeconfig names.
            for (int answer = 0; answer < 2; answer++) {
                server.enqueue(new MockResponse().setResponseCode(401).setBody("{\"kind\":\"Status\",\"code\":401}"));
            }
            server.start();
            Path kubeconfig = kubeconfig(server.url("/").toString());

            assertThatThrownBy(() -> KubernetesClients.createChecked(kubeconfig.toString(), null, "test", SETTING,
                    Duration.ofSeconds(5)))
                    .isInstanceOf(CannotStartException.class)
                    .hasMessageContaining("refused the credentials (401 Unauthorized)");
        }
    }

    @Test
    void anApiServerThatAnswersVersionPasses() throws IOException {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse().setBody("{\"major\":\"1\",\"minor\":\"31\",\"gitVersion\":\"v1.31.4\"}"));
            server.start();
            Path kubeconfig = kubeconfig(server.url("/").toString());

            try (KubernetesClient client = KubernetesClients.createChecked(kubeconfig.toString(), "team", "test",
                    SETTING, Duration.ofSeconds(5))) {
                assertThat(client.getNamespace()).isEqualTo("team");
            }
            assertThat(server.takeRequest().getPath()).isEqualTo("/version");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theReasonShownIsTheInnermostCannotStartMessageWhateverWrapsIt() {
        RuntimeException wrapped = new RuntimeException("Error instantiating bean\n\nPath Taken: ...",
                new IllegalStateException("outer", new CannotStartException("no Kubernetes credentials: set X")));
        assertThat(CannotStartException.reason(wrapped)).isEqualTo("no Kubernetes credentials: set X");
        assertThat(CannotStartException.reason(new RuntimeException("bean failed",
                new IllegalArgumentException("qdrant.agent.control-plane-url is required\nmore"))))
                .isEqualTo("qdrant.agent.control-plane-url is required");
        assertThat(CannotStartException.reason(new RuntimeException(new java.net.BindException("Address in use"))))
                .isEqualTo("BindException: Address in use");
    }

    private Path kubeconfig(String server) throws IOException {
        return TestKubeconfigs.write(dir.resolve("kubeconfig.yaml"), server, "");
    }
}
