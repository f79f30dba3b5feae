package io.qdranthybrid.harness.stack;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.qdranthybrid.operator.cluster.ClusterNames;
import io.qdranthybrid.operator.cluster.QdrantConfigRenderer;
import io.qdranthybrid.operator.cluster.QdrantEndpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operator runs in this JVM but the Qdrant pods run inside k3s: each pod is reached through a port-forward by
 * pod name, opened on first use. Every new TCP connection is forwarded afresh, so a restarted pod is reached again.
 */
final class PortForwardedQdrantEndpoints implements QdrantEndpoints, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PortForwardedQdrantEndpoints.class);

    private final KubernetesClient client;
    private final Map<String, LocalPortForward> forwards = new ConcurrentHashMap<>();

    PortForwardedQdrantEndpoints(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public URI endpoint(String namespace, ClusterNames names, int ordinal, boolean tls) {
        String pod = names.pod(ordinal);
        LocalPortForward forward = forwards.compute(namespace + "/" + pod, (key, existing) ->
                existing != null && existing.isAlive() ? existing : open(namespace, pod, existing));
        return URI.create((tls ? "https" : "http") + "://127.0.0.1:" + forward.getLocalPort());
    }

    private LocalPortForward open(String namespace, String pod, LocalPortForward dead) {
        closeQuietly(dead);
        LOG.debug("Forwarding a local port to {}/{}:{}", namespace, pod, QdrantConfigRenderer.HTTP_PORT);
        return client.pods().inNamespace(namespace).withName(pod).portForward(QdrantConfigRenderer.HTTP_PORT);
    }

    @Override
    public void close() {
        forwards.values().forEach(PortForwardedQdrantEndpoints::closeQuietly);
        forwards.clear();
    }

    private static void closeQuietly(LocalPortForward forward) {
        if (forward != null) {
            try {
                forward.close();
            } catch (IOException e) {
                LOG.debug("Closing a port-forward failed: {}", e.toString());
            }
        }
    }
}
