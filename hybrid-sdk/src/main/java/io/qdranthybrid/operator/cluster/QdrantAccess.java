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
        String namespace = cluster.getMetadata().getNamespace();
        ClusterNames names = new ClusterNames(cluster.getSpec().getId());
        QdrantConfiguration config = cluster.getSpec().getConfig();
        boolean tls = config != null && config.getService() != null && Boolean.TRUE.equals(config.getService().getEnableTls());
        QdrantSecretKeyRef ref = config == null || config.getService() == null ? null : config.getService().getApiKey();
        String apiKey = ref == null || ref.getSecretKeyRef() == null ? null
                : reads.secretValue(namespace, ref.getSecretKeyRef().getName(), ref.getSecretKeyRef().getKey()).orElse(null);
        return new QdrantClient(endpoints.endpoint(namespace, names, ordinal, tls), apiKey, http, timeout);
    }
}
