package io.qdranthybrid.agent.app;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.qdranthybrid.reconcile.KubernetesClients;
import jakarta.inject.Singleton;

/** The Kubernetes client: from the configured kubeconfig, else in-cluster credentials, else ~/.kube/config. */
@Factory
class KubernetesClientFactory {

    static final String USER_AGENT = "qdrant-cloud-agent";

    @Singleton
    @Bean(preDestroy = "close")
    KubernetesClient kubernetesClient(AgentSettings settings) {
        return KubernetesClients.create(settings.kubeconfig(), settings.configuredNamespace(), USER_AGENT);
    }
}
