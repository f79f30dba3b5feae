package io.qdranthybrid.reconcile;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

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
        return build(config(kubeconfig, namespace, userAgent));
    }

    private static Config config(String kubeconfig, String namespace, String userAgent) {
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
        return config;
    }

    private static KubernetesClient build(Config config) {
        // fabric8 logs every request and response, bearer token and Secret bodies included, whenever its
        // HttpLoggingInterceptor logger is at TRACE; a component must never do that, whatever level it is given.
        return new KubernetesClientBuilder().withConfig(config)
                .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor(HTTP_LOGGING_INTERCEPTOR, null))
                .build();
    }

    /**
     * As {@link #create}, after checking that credentials exist and that the API server answers within
     * {@code timeout} (see {@link ApiServerPreflight}); what an app calls before starting its controllers.
     *
     * @throws CannotStartException naming {@code setting}, the app's own kubeconfig setting, in its message
     */
    public static KubernetesClient createChecked(String kubeconfig, String namespace, String userAgent, String setting,
                                                 Duration timeout) {
        ApiServerPreflight.requireCredentials(kubeconfig, setting);
        Config config = config(kubeconfig, namespace, userAgent);
        // The client's own retries (exponential, ten times) would outlast any timeout a user waits for: probe once.
        try (KubernetesClient probe = build(new ConfigBuilder(config).withRequestRetryBackoffLimit(0).build())) {
            ApiServerPreflight.requireReachable(probe, setting, timeout);
        }
        return build(config);
    }
}
