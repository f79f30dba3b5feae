package io.qdranthybrid.harness.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The sandbox's smoke-test form, in-process: what `--scenario demo --exit` prints and returns. */
class SandboxTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void demoOnboardsTheEnvironmentBringsUpEachNodeAndSucceedsOnceTheClusterIsHealthy(@TempDir Path dir)
            throws Exception {
        Path timeline = dir.resolve("demo.json");
        int code = run("--scenario", "demo", "--exit", "--port", "0", "--timeline", timeline.toString());

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String progress = out.toString(StandardCharsets.UTF_8);
        assertThat(progress).contains("Console:   http://127.0.0.1:", "bootstrap commands generated",
                "agent connected to the control plane", "environment is READY", "cluster demo requested: 3 nodes",
                "node qdrant-demo-0 ready", "node qdrant-demo-1 ready", "node qdrant-demo-2 ready",
                "cluster demo is Healthy", "Cluster demo is Healthy with 3 nodes", "Qdrant REST API of its first node");
        assertThat(progress.indexOf("environment is READY")).isLessThan(progress.indexOf("cluster demo is Healthy"));
        Path kubeconfig = Path.of(progress.lines().filter(l -> l.startsWith("Kubeconfig: ")).findFirst().orElseThrow()
                .substring("Kubeconfig: ".length()).split("\\s+")[0]);
        assertThat(kubeconfig).as("the kubeconfig file is removed when the sandbox stops").doesNotExist();
        JsonNode events = new ObjectMapper().readTree(timeline.toFile()).path("events");
        assertThat(events.findValuesAsText("detail")).contains("READY", "Healthy");
    }

    /**
     * Issue 16: a newcomer learns the cluster's capacity and sets it, reaches the simulated cluster with the printed
     * kubeconfig, and "Generate bootstrap commands" on the demo environment no longer leaves its agent refused.
     */
    @Test
    void sandboxStatesItsCapacityGivesAWorkingKubeconfigAndReFeedsARotatedKeyToItsAgent() throws Exception {
        try (Sandbox sandbox = new Sandbox(SandboxOptions.parse(List.of("--scenario", "demo", "--port", "0",
                "--nodes", "2", "--node-cpu", "2", "--node-memory", "4Gi")),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))) {
            assertThat(sandbox.run()).as(err.toString(StandardCharsets.UTF_8)).isZero();
            String printed = out.toString(StandardCharsets.UTF_8);
            assertThat(printed).contains("Capacity:  2 nodes of 2 CPU and 4Gi memory: room for about 8 Qdrant nodes"
                    + " of the default size (500m CPU, 1Gi); more stay Pending. Change with --nodes, --node-cpu,"
                    + " --node-memory.");

            String kubectlLine = printed.lines().filter(l -> l.startsWith("Kubeconfig: ")).findFirst().orElseThrow();
            Path kubeconfig = Path.of(kubectlLine.substring("Kubeconfig: ".length()).split("\\s+")[0]);
            assertThat(kubectlLine).contains("kubectl --kubeconfig " + kubeconfig + " -n hybrid-demo get qc,pods");
            try (KubernetesClient client = new KubernetesClientBuilder()
                    .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build()) {
                assertThat(client.nodes().list().getItems()).hasSize(2).allSatisfy(node ->
                        assertThat(node.getStatus().getCapacity().get("cpu")).isEqualTo(new Quantity("2")));
                assertThat(client.pods().inNamespace("hybrid-demo").list().getItems())
                        .extracting(pod -> pod.getMetadata().getName()).contains("qdrant-demo-0", "qdrant-demo-2");
            }
            assertKubectlWorksWhereInstalled(kubeconfig);

            String console = printed.lines().filter(l -> l.startsWith("Console:   ")).findFirst().orElseThrow()
                    .substring("Console:   ".length()).trim();
            String environment = console + "api/v1/hybrid-cloud-environments/"
                    + http("GET", console + "api/v1/hybrid-cloud-environments").path("items").get(0).path("id").asText();
            JsonNode rotated = http("POST", environment + "/bootstrap-commands");
            assertThat(rotated.path("commands")).isNotEmpty();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode now = http("GET", environment);
                assertThat(now.path("connected").asBoolean()).as(now.toString()).isTrue();
                assertThat(now.path("phase").asText()).as(now.toString()).isEqualTo("READY");
            });
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .contains("restarting the sandbox's agent with the new key, as running the commands would");
        }
    }

    /** Issue 16: bootstrap commands for an agent on another machine name the URL it can reach. */
    @Test
    void advertisedUrlGoesIntoBootstrapCommandsAndAPortMismatchIsPointedOut() throws Exception {
        try (Sandbox sandbox = new Sandbox(SandboxOptions.parse(List.of("--scenario", "none", "--port", "0",
                "--advertise-url", "ws://sandbox-host.example:9999")),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))) {
            assertThat(sandbox.run()).as(err.toString(StandardCharsets.UTF_8)).isZero();
            String printed = out.toString(StandardCharsets.UTF_8);
            assertThat(printed).contains("Agent URL: ws://sandbox-host.example:9999/agent  (in bootstrap commands;"
                    + " listening on every interface", "Note: --advertise-url names port 9999 but the control plane"
                    + " listens on port");

            String console = printed.lines().filter(l -> l.startsWith("Console:   ")).findFirst().orElseThrow()
                    .substring("Console:   ".length()).trim();
            String environment = console + "api/v1/hybrid-cloud-environments/"
                    + http("GET", console + "api/v1/hybrid-cloud-environments").path("items").get(0).path("id").asText();
            assertThat(http("POST", environment + "/bootstrap-commands").path("commands").toString())
                    .contains("ws://sandbox-host.example:9999/agent");
        }
    }

    /** The printed command, run with the real kubectl when this machine has one. */
    private static void assertKubectlWorksWhereInstalled(Path kubeconfig) throws Exception {
        Path kubectl = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(dir -> Path.of(dir, "kubectl")).filter(Files::isExecutable).findFirst().orElse(null);
        if (kubectl == null) {
            return;
        }
        Process process = new ProcessBuilder(kubectl.toString(), "--kubeconfig", kubeconfig.toString(), "-n",
                "hybrid-demo", "get", "qc,pods").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("qdrantcluster.qdrant.io/qdrant-demo", "pod/qdrant-demo-0");
    }

    private static JsonNode http(String method, String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .method(method, HttpRequest.BodyPublishers.noBody()).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isLessThan(300);
        return new ObjectMapper().readTree(response.body());
    }

    @Test
    void demoThatRunsOutOfTimeFailsWithTheReason() {
        int code = run("--scenario", "demo", "--exit", "--port", "0", "--timeout", "1ms");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Demo failed: the scenario ran out of time");
    }

    private int run(String... args) {
        try (Sandbox sandbox = new Sandbox(SandboxOptions.parse(List.of(args)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))) {
            return sandbox.run();
        }
    }
}
