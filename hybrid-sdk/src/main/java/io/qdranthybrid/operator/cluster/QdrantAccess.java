package io.qdranthybrid.operator.cluster;

import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantConfiguration;
import io.qdranthybrid.crd.QdrantSecretKeyRef;
import io.qdranthybrid.qdrant.QdrantClient;

import java.net.http.HttpClient;
import java.time.Duration;

/** Builds REST clients for a cluster's nodes: the right endpoint, scheme and API key (read from its Secret). */
public final class QdrantAccess {

    private final ClusterReads reads;
    private final QdrantEndpoints endpoints;
    private final HttpClient http;
    private final Duration timeout;

    public QdrantAccess(ClusterReads reads, QdrantEndpoints endpoints, HttpClient http, Duration timeout) {
        this.reads = reads;
        this.endpoints = endpoints;
        this.http = http;
        this.timeout = timeout;
    }

    /** A client for one node of the cluster. */
    public QdrantClient node(QdrantCluster cluster, int ordinal) {
        return nodes(cluster).node(ordinal);
    }

    /**
     * Clients for the nodes of one cluster, with its scheme and API key resolved once: the key is a Secret read,
     * and a reconcile talks to every node.
     */
    public Nodes nodes(QdrantCluster cluster) {
        String namespace = cluster.getMetadata().getNamespace();
        QdrantConfiguration config = cluster.getSpec().getConfig();
        boolean tls = config != null && config.getService() != null && Boolean.TRUE.equals(config.getService().getEnableTls());
        QdrantSecretKeyRef ref = config == null || config.getService() == null ? null : config.getService().getApiKey();
        String apiKey = ref == null || ref.getSecretKeyRef() == null ? null
                : reads.secretValue(namespace, ref.getSecretKeyRef().getName(), ref.getSecretKeyRef().getKey()).orElse(null);
        return new Nodes(namespace, new ClusterNames(cluster.getSpec().getId()), tls, apiKey);
    }

    /** Node clients of one cluster. */
    public final class Nodes {
        private final String namespace;
        private final ClusterNames names;
        private final boolean tls;
        private final String apiKey;

        private Nodes(String namespace, ClusterNames names, boolean tls, String apiKey) {
            this.namespace = namespace;
            this.names = names;
            this.tls = tls;
            this.apiKey = apiKey;
        }

        public QdrantClient node(int ordinal) {
            return new QdrantClient(endpoints.endpoint(namespace, names, ordinal, tls), apiKey, http, timeout);
        }
    }
}
