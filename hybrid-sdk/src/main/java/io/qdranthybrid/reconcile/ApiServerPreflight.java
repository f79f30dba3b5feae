package io.qdranthybrid.reconcile;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What a component checks before it starts its controllers, so that a missing kubeconfig or an unreachable API server
 * ends the process within seconds with one line saying what to fix, instead of informers logging connection errors
 * forever. {@code setting} names the component's own setting in each message, e.g.
 * {@code "qdrant.operator.kubeconfig (QDRANT_OPERATOR_KUBECONFIG)"}.
 */
public final class ApiServerPreflight {

    /** Where fabric8's {@link Config#autoConfigure} looks for in-cluster credentials. */
    static final Path SERVICE_ACCOUNT_TOKEN = Path.of(Config.KUBERNETES_SERVICE_ACCOUNT_TOKEN_PATH);

    private ApiServerPreflight() {
    }

    /**
     * Fails unless some credentials exist where {@link KubernetesClients#create} will look: the configured kubeconfig
     * (which must then exist), {@code KUBECONFIG}, {@code ~/.kube/config}, or a pod's ServiceAccount token.
     */
    public static void requireCredentials(String kubeconfig, String setting) {
        requireCredentials(kubeconfig, setting, System.getenv(), Path.of(System.getProperty("user.home")),
                SERVICE_ACCOUNT_TOKEN);
    }

    static void requireCredentials(String kubeconfig, String setting, Map<String, String> environment, Path home,
                                   Path serviceAccountToken) {
        if (kubeconfig != null && !kubeconfig.isBlank()) {
            if (!Files.isReadable(Path.of(kubeconfig))) {
                throw new CannotStartException(setting + " names " + kubeconfig + ", which does not exist or cannot be read");
            }
            return;
        }
        String fromEnvironment = environment.get("KUBECONFIG");
        boolean kubeconfigFound = fromEnvironment != null && !fromEnvironment.isBlank()
                || Files.isReadable(home.resolve(".kube").resolve("config"));
        boolean inCluster = environment.get("KUBERNETES_SERVICE_HOST") != null && Files.isReadable(serviceAccountToken);
        if (!kubeconfigFound && !inCluster) {
            throw new CannotStartException("no Kubernetes credentials: set " + setting
                    + " to a kubeconfig file, set KUBECONFIG, or run in a pod with a ServiceAccount");
        }
    }

    /**
     * Fails unless the API server answers {@code GET /version} within {@code timeout}: unreachable (DNS, refused,
     * TLS) or refusing the credentials (401) are both reasons not to start.
     */
    public static void requireReachable(KubernetesClient client, String setting, Duration timeout) {
        String server = client.getConfiguration().getMasterUrl();
        HttpRequest request = client.getHttpClient().newHttpRequestBuilder()
                .uri(server.replaceAll("/+$", "") + "/version").timeout(timeout.toMillis(), TimeUnit.MILLISECONDS).build();
        HttpResponse<String> response;
        try {
            response = client.getHttpClient().sendAsync(request, String.class).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new CannotStartException("the Kubernetes API server at " + server + " did not answer within "
                    + timeout.toSeconds() + " s; check " + setting + " and the network to it");
        } catch (ExecutionException e) {
            throw new CannotStartException("cannot reach the Kubernetes API server at " + server + ": "
                    + CannotStartException.reason(e.getCause()) + "; check " + setting + " and the network to it", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CannotStartException("interrupted while checking the Kubernetes API server at " + server, e);
        }
        if (response.code() == 401) {
            throw new CannotStartException("the Kubernetes API server at " + server
                    + " refused the credentials (401 Unauthorized); check the token or certificate that " + setting
                    + " gives");
        }
    }
}
