package io.qdranthybrid.harness.kube;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientFactoryTest {

  private SimulatedApiServer server;

  @BeforeEach
  void start() {
    server = SimulatedApiServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void newClientUsesTheOkHttpTransportAndTheGivenNamespace() {
    try (KubernetesClient client = server.newClient("team-a")) {
      client.resource(new ConfigMapBuilder().withNewMetadata().withName("c").endMetadata().build()).create();

      assertThat(client.getHttpClient().getClass().getName()).containsIgnoringCase("okhttp");
      assertThat(client.configMaps().inNamespace("team-a").withName("c").get()).isNotNull();
    }
  }

  @Test
  void kubeconfigConnectsAClientLikeARealCluster() {
    Config config = Config.fromKubeconfig(server.kubeconfig());
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      assertThat(client.getKubernetesVersion().getGitVersion()).startsWith("v1.");
      client.resource(new ConfigMapBuilder().withNewMetadata().withName("c").endMetadata().build()).create();

      assertThat(client.configMaps().inNamespace("default").withName("c").get()).isNotNull();
    }
  }
}
