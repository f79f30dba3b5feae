package io.qdranthybrid.harness.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

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
