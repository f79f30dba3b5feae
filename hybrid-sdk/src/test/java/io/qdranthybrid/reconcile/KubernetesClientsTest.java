package io.qdranthybrid.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class KubernetesClientsTest {

    @TempDir
    Path dir;

    private Path kubeconfig(String contextNamespace) throws IOException {
        return TestKubeconfigs.write(dir.resolve("kubeconfig-" + contextNamespace), "https://127.0.0.1:6443", contextNamespace);
    }

    @Test
    void withoutANamespaceTheKubeconfigContextsNamespaceIsUsed() throws IOException {
        try (KubernetesClient client = KubernetesClients.create(kubeconfig("team-a").toString(), null, "test")) {
            assertThat(client.getNamespace()).isEqualTo("team-a");
        }
    }

    @Test
    void aConfiguredNamespaceWinsOverTheContext() throws IOException {
        try (KubernetesClient client = KubernetesClients.create(kubeconfig("team-a").toString(), "team-b", "test")) {
            assertThat(client.getNamespace()).isEqualTo("team-b");
        }
    }

    @Test
    void aContextWithoutNamespaceMeansDefault() throws IOException {
        try (KubernetesClient client = KubernetesClients.create(kubeconfig("").toString(), " ", "test")) {
            assertThat(client.getNamespace()).isEqualTo("default");
        }
    }
}
