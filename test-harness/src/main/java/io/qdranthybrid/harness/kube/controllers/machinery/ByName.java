package io.qdranthybrid.harness.kube.controllers.machinery;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;

/**
 * JSON merge patches by name, one request each, whose answers are not decoded. fabric8's
 * {@code withName(n).patch(context, json)} first GETs the object only to learn its name and namespace (a third of
 * the simulator's requests went to those reads), and every patch decodes the object sent back into the typed
 * model; the simulated controllers use neither, they learn the result from their informers like real controllers.
 * Errors still arrive as {@link KubernetesClientException} with the server's code and status.
 */
public final class ByName {

    private static final String MERGE_PATCH = "application/merge-patch+json";

    private ByName() {
    }

    /** A JSON merge patch of the object (not its status). */
    public static void mergePatch(KubernetesClient client, Class<? extends HasMetadata> type, String namespace, String name,
                           String patch) {
        send(client, path(type, namespace, name), patch);
    }

    /** A JSON merge patch through the status subresource. */
    public static void mergePatchStatus(KubernetesClient client, Class<? extends HasMetadata> type, String namespace,
                                 String name, String patch) {
        send(client, path(type, namespace, name) + "/status", patch);
    }

    private static String path(Class<? extends HasMetadata> type, String namespace, String name) {
        String group = HasMetadata.getGroup(type);
        String prefix = group == null || group.isEmpty() ? "api/" + HasMetadata.getVersion(type)
                : "apis/" + group + "/" + HasMetadata.getVersion(type);
        String scope = namespace == null ? "" : "/namespaces/" + encode(namespace);
        return prefix + scope + "/" + HasMetadata.getPlural(type) + "/" + encode(name);
    }

    private static void send(KubernetesClient client, String path, String patch) {
        String master = client.getMasterUrl().toString();
        HttpRequest request = client.getHttpClient().newHttpRequestBuilder()
                .uri(master + (master.endsWith("/") ? "" : "/") + path)
                .method("PATCH", MERGE_PATCH, patch)
                .build();
        HttpResponse<String> response;
        try {
            response = client.getHttpClient().sendAsync(request, String.class).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubernetesClientException("interrupted while patching " + path, e);
        } catch (ExecutionException e) {
            throw KubernetesClientException.launderThrowable(e.getCause());
        }
        if (response.code() >= 300) {
            Status status = statusOf(client, response.body());
            String message = status != null && status.getMessage() != null ? status.getMessage() : response.body();
            throw new KubernetesClientException("PATCH " + path + " failed with " + response.code() + ": " + message,
                    response.code(), status);
        }
    }

    private static Status statusOf(KubernetesClient client, String body) {
        try {
            return body == null || body.isBlank() ? null : client.getKubernetesSerialization().unmarshal(body, Status.class);
        } catch (RuntimeException notAStatus) {
            return null;
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }
}
