package io.qdranthybrid.operator.app;

import io.qdranthybrid.harness.apps.AppProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar hybrid-operator.jar} that cannot reach Kubernetes ends within seconds with one line naming what is
 * missing and how to give it, instead of starting and logging connection errors forever.
 */
class OperatorStartupFailureTest {

    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @TempDir
    Path home;

    @Test
    void withoutAnyKubeconfigItExitsNamingTheSettingToGive() throws Exception {
        AppProcess.Ending ending = AppProcess.run(OperatorApplication.class, Map.of(), home, DEADLINE);

        assertThat(ending.status()).as("exit status (null: still running after %s)", DEADLINE).isEqualTo(1);
        assertThat(ending.lastLine()).isEqualTo("qdrant-hybrid-operator cannot start: no Kubernetes credentials: set "
                + "qdrant.operator.kubeconfig (QDRANT_OPERATOR_KUBECONFIG) to a kubeconfig file, set KUBECONFIG, or run "
                + "in a pod with a ServiceAccount");
        assertThat(ending.stderr()).noneMatch(line -> line.startsWith("\tat "));
    }

    @Test
    void withAnUnreachableApiServerItExitsNamingTheServer() throws Exception {
        Path kubeconfig = AppProcess.kubeconfigNobodyAnswers(home);

        AppProcess.Ending ending = AppProcess.run(OperatorApplication.class,
                Map.of("QDRANT_OPERATOR_KUBECONFIG", kubeconfig.toString()), home, DEADLINE);

        assertThat(ending.status()).as("exit status (null: still running after %s)", DEADLINE).isEqualTo(1);
        assertThat(ending.lastLine()).startsWith("qdrant-hybrid-operator cannot start: cannot reach the Kubernetes API "
                + "server at http://127.0.0.1:").endsWith("and the network to it");
    }
}
