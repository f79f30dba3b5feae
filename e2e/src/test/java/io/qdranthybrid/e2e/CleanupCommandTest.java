package io.qdranthybrid.e2e;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.harness.controlplane.NewCluster;
import io.qdranthybrid.harness.junit.HybridCloudTest;
import io.qdranthybrid.harness.stack.HybridEnvironment;
import io.qdranthybrid.offboard.CleanupOutcome;
import io.qdranthybrid.offboard.NamespaceCleanup;
import io.qdranthybrid.reconcile.KubernetesClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18 item 7, the customer's side: the cleanup ({@code java -jar hybrid-agent.jar cleanup}) run with a user's
 * kubeconfig of the simulated cluster. Alone in its class: it deletes the qdrant.io CRDs, which the class's cluster
 * shares between tests.
 */
@HybridCloudTest
class CleanupCommandTest {

    @Test
    void cleanupRefusesWhileAQdrantClusterExistsAndWithForceRemovesEverythingDownToTheCrds(HybridEnvironment env,
                                                                                         @TempDir Path dir)
            throws Exception {
        env.createCluster(NewCluster.of("orders", 1, "v1.12.3"));
        env.awaitCluster("orders", ClusterPhase.HEALTHY, Waits.CONVERGE);
        // The control plane is gone for this environment; the agent and operator stop as their Deployments would.
        env.stack().stopAgent();
        env.stack().stopOperator();
        Path kubeconfig = dir.resolve("user.kubeconfig");
        Files.writeString(kubeconfig, env.cluster().cluster().kubeconfig());

        try (KubernetesClient user = KubernetesClients.create(kubeconfig.toString(), env.namespace(), "cleanup-test")) {
            Run refused = run(user, env.namespace(), false);
            assertThat(refused.outcome()).isEqualTo(CleanupOutcome.REFUSED);
            assertThat(refused.output()).contains("Refused, nothing changed").contains("--force");
            assertThat(user.resources(QdrantCluster.class).inNamespace(env.namespace()).list().getItems()).hasSize(1);
            assertThat(user.serviceAccounts().inNamespace(env.namespace()).withName("qdrant-cloud-agent").get())
                    .isNotNull();

            Run forced = run(user, env.namespace(), true);
            assertThat(forced.outcome()).as(forced.output()).isEqualTo(CleanupOutcome.DONE);
            assertThat(forced.output()).containsSubsequence("1. agent", "2. operator", "3. the rest of the install",
                    "ServiceAccounts", "4. qdrant.io objects left", "QdrantCluster/", "5. namespace", "6. qdrant.io CRDs",
                    "deleted qdrantclusters.qdrant.io", "Done");
            assertThat(user.apiextensions().v1().customResourceDefinitions().list().getItems())
                    .extracting(CustomResourceDefinition::getSpec).noneMatch(spec -> spec.getGroup().endsWith("qdrant.io"));
            assertThat(user.namespaces().withName(env.namespace()).get()).isNull();
            assertThat(user.serviceAccounts().inNamespace(env.namespace()).withName("qdrant-cloud-agent").get())
                    .isNull();

            Run again = run(user, env.namespace(), true);
            assertThat(again.outcome()).as(again.output()).isEqualTo(CleanupOutcome.DONE);
            assertThat(again.output()).contains("already gone");
        }
    }

    private record Run(CleanupOutcome outcome, String output) {
    }

    private static Run run(KubernetesClient client, String namespace, boolean force) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        CleanupOutcome outcome = new NamespaceCleanup(client, out, Duration.ofSeconds(30)).run(namespace, force);
        return new Run(outcome, bytes.toString(StandardCharsets.UTF_8));
    }
}
