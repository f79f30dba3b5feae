package io.qdranthybrid.agent.app;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterSpec;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code java -jar hybrid-agent.jar cleanup}: its arguments, and its refusal and forced run with a user's kubeconfig. */
class CleanupCommandTest {

    private static SimulatedCluster cluster;
    private static Path kubeconfig;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = SimulatedCluster.start();
        cluster.installQdrantCrds();
        kubeconfig = Files.createTempFile("kubeconfig", ".yaml");
        Files.writeString(kubeconfig, cluster.kubeconfig());
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.close();
        Files.deleteIfExists(kubeconfig);
    }

    private int run(String... args) {
        return CleanupCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void withoutANamespaceItExplainsItsUsageAndTouchesNothing() {
        assertThat(run("--force")).isEqualTo(CleanupCommand.BAD_ARGUMENTS);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--namespace is required").contains("usage:");
        assertThat(run("--namespace")).isEqualTo(CleanupCommand.BAD_ARGUMENTS);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--namespace needs a value");
        assertThat(run("--namespace", "x", "--purge")).isEqualTo(CleanupCommand.BAD_ARGUMENTS);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown argument --purge");
    }

    @Test
    void refusesWhileAQdrantClusterExistsAndWithForceRemovesTheAgentAndTheCluster() {
        KubernetesClient admin = cluster.client();
        String namespace = "cleanup-cli";
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                .create();
        admin.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder().withNewMetadata()
                .withName("qdrant-cloud-agent").endMetadata().withNewSpec().withNewSelector()
                .addToMatchLabels("app", "agent").endSelector().withNewTemplate().withNewMetadata()
                .addToLabels("app", "agent").endMetadata().withNewSpec().addNewContainer().withName("agent")
                .withImage("hybrid-agent").endContainer().endSpec().endTemplate().endSpec().build()).create();
        QdrantCluster qdrant = new QdrantCluster();
        qdrant.getMetadata().setName("qdrant-orders");
        qdrant.getMetadata().setFinalizers(List.of("qdrant.io/cleanup"));
        QdrantClusterSpec spec = new QdrantClusterSpec();
        spec.setId("orders");
        spec.setSize(1);
        spec.setVersion("v1.12.3");
        qdrant.setSpec(spec);
        admin.resources(QdrantCluster.class).inNamespace(namespace).resource(qdrant).create();

        assertThat(run("--namespace", namespace, "--kubeconfig", kubeconfig.toString())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Refused, nothing changed")
                .contains("[qdrant-orders]");
        assertThat(admin.apps().deployments().inNamespace(namespace).withName("qdrant-cloud-agent").get()).isNotNull();

        int forced = run("--namespace", namespace, "--force", "--kubeconfig", kubeconfig.toString(),
                "--timeout-seconds", "20");

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(forced).as(printed).isEqualTo(0);
        assertThat(printed).contains("1. agent: Deployment qdrant-cloud-agent deleted")
                .contains("stripped finalizers [qdrant.io/cleanup] from QdrantCluster/qdrant-orders");
        assertThat(admin.apps().deployments().inNamespace(namespace).withName("qdrant-cloud-agent").get()).isNull();
        assertThat(admin.resources(QdrantCluster.class).inNamespace(namespace).withName("qdrant-orders").get()).isNull();
        assertThat(admin.apiextensions().v1().customResourceDefinitions().withName("qdrantclusters.qdrant.io").get())
                .isNull();
    }
}
