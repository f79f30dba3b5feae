package io.qdranthybrid.agent.app;

import io.qdranthybrid.harness.apps.AppProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar hybrid-agent.jar} with a setting missing or its API server unreachable ends within seconds with
 * one line naming what is missing and how to give it.
 */
class AgentStartupFailureTest {

    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @TempDir
    Path home;

    @Test
    void withNothingConfiguredItExitsNamingTheFirstSettingToGive() throws Exception {
        AppProcess.Ending ending = AppProcess.run(AgentApplication.class, Map.of(), home, DEADLINE);

        assertThat(ending.status()).as("exit status (null: still running after %s)", DEADLINE).isEqualTo(1);
        assertThat(ending.lastLine()).isEqualTo("qdrant-cloud-agent cannot start: qdrant.agent.control-plane-url "
                + "(QDRANT_AGENT_CONTROL_PLANE_URL) is required: where the agent dials, wss://<control plane>/agent/v1");
        assertThat(ending.stderr()).noneMatch(line -> line.startsWith("\tat "));
    }

    @Test
    void withAnUnreachableApiServerItExitsNamingTheServer() throws Exception {
        Path accessKey = Files.writeString(home.resolve("access-key"),
                "7f1d3c2e-0b9a-4c59-9d7e-2a6f8e4b1c3d|startup-test-secret\n");
        Map<String, String> settings = Map.of(
                "QDRANT_AGENT_KUBECONFIG", AppProcess.kubeconfigNobodyAnswers(home).toString(),
                "QDRANT_AGENT_CONTROL_PLANE_URL", "ws://127.0.0.1:1/agent/v1",
                "QDRANT_AGENT_ALLOW_INSECURE", "true",
                "QDRANT_AGENT_ENVIRONMENT_ID", "env-startup-test",
                "QDRANT_AGENT_ACCESS_KEY_FILE", accessKey.toString());

        AppProcess.Ending ending = AppProcess.run(AgentApplication.class, settings, home, DEADLINE);

        assertThat(ending.status()).as("exit status (null: still running after %s)", DEADLINE).isEqualTo(1);
        assertThat(ending.lastLine()).startsWith("qdrant-cloud-agent cannot start: cannot reach the Kubernetes API "
                + "server at http://127.0.0.1:").endsWith("and the network to it");
    }
}
