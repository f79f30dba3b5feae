package io.qdranthybrid.operator.app;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.qdranthybrid.reconcile.KubernetesClients;
import jakarta.inject.Singleton;

/** The Kubernetes client: from the configured kubeconfig, else in-cluster credentials, else ~/.kube/config. */
@Factory
class KubernetesClientFactory {

    static final String USER_AGENT = "qdrant-hybrid-operator";

    @Singleton
    @Bean(preDestroy = "close")
    KubernetesClient kubernetesClient(OperatorSettings settings) {
        return KubernetesClients.create(settings.kubeconfig(), settings.configuredNamespace(), USER_AGENT);
    }
}
