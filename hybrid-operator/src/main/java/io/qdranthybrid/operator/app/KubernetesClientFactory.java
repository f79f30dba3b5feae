package io.qdranthybrid.operator.app;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.qdranthybrid.reconcile.KubernetesClients;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * The Kubernetes client: from the configured kubeconfig, else in-cluster credentials, else ~/.kube/config; checked
 * before the app starts, so that missing credentials or an unreachable API server end the process with one line.
 */
@Factory
class KubernetesClientFactory {

    static final String KUBECONFIG_SETTING = "qdrant.operator.kubeconfig (QDRANT_OPERATOR_KUBECONFIG)";
    private static final Duration API_SERVER_TIMEOUT = Duration.ofSeconds(10);
    static final String USER_AGENT = "qdrant-hybrid-operator";

    @Singleton
    @Bean(preDestroy = "close")
    KubernetesClient kubernetesClient(OperatorSettings settings) {
        return KubernetesClients.createChecked(settings.kubeconfig(), settings.configuredNamespace(), USER_AGENT,
                KUBECONFIG_SETTING, API_SERVER_TIMEOUT);
    }
}
