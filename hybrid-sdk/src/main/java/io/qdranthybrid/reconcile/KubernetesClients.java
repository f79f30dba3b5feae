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
    /** The name fabric8 registers its request/response logger under (StandardHttpClientBuilder). */
    static final String HTTP_LOGGING_INTERCEPTOR = "HttpLogging";

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
        // fabric8 logs every request and response, bearer token and Secret bodies included, whenever its
        // HttpLoggingInterceptor logger is at TRACE; a component must never do that, whatever level it is given.
        return new KubernetesClientBuilder().withConfig(config)
                .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor(HTTP_LOGGING_INTERCEPTOR, null))
                .build();
    }
}
