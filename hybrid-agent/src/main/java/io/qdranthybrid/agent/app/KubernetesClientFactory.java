package io.qdranthybrid.agent.app;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The Kubernetes client: from the configured kubeconfig, else in-cluster credentials, else ~/.kube/config. */
@Factory
class KubernetesClientFactory {

    @Singleton
    @Bean(preDestroy = "close")
    KubernetesClient kubernetesClient(AgentSettings settings) {
        Config config;
        if (settings.kubeconfig() != null && !settings.kubeconfig().isBlank()) {
            try {
                config = Config.fromKubeconfig(Files.readString(Path.of(settings.kubeconfig())));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read kubeconfig " + settings.kubeconfig(), e);
            }
        } else {
            config = Config.autoConfigure(null);
        }
        config.setNamespace(settings.effectiveNamespace());
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
