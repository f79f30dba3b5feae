package io.qdranthybrid.reconcile;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds the client a component runs with, the same way for the operator, the agent and embedders. */
public final class KubernetesClients {

    static final String DEFAULT_NAMESPACE = "default";

    private KubernetesClients() {
    }

    /**
     * From {@code kubeconfig} when given, else in-cluster credentials, else ~/.kube/config; scoped to
     * {@code namespace} and naming itself {@code userAgent}, which is how the API server's audit log and
     * request metrics tell our components apart. A null or blank {@code namespace} means the kubeconfig context's
     * namespace, or in a pod its service account's namespace, else {@code default}; see
     * {@link KubernetesClient#getNamespace()}.
     */
    public static KubernetesClient create(String kubeconfig, String namespace, String userAgent) {
        Config config;
        if (kubeconfig != null && !kubeconfig.isBlank()) {
            try {
                config = Config.fromKubeconfig(Files.readString(Path.of(kubeconfig)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read kubeconfig " + kubeconfig, e);
            }
        } else {
            config = Config.autoConfigure(null);
        }
        if (namespace != null && !namespace.isBlank()) {
            config.setNamespace(namespace);
        } else if (config.getNamespace() == null || config.getNamespace().isBlank()) {
            config.setNamespace(DEFAULT_NAMESPACE);
        }
        config.setUserAgent(userAgent);
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
