package io.qdranthybrid.operator.cluster;

import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantConfiguration;
import io.qdranthybrid.crd.QdrantSecretKeyRef;
import io.qdranthybrid.protocol.client.CustomCaTrust;
import io.qdranthybrid.qdrant.QdrantClient;
import io.qdranthybrid.qdrant.QdrantHttpClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds REST clients for a cluster's nodes: the right endpoint, scheme and API key (read from its Secret), and for a
 * cluster with TLS the trust of the CA its spec references ({@code config.tls.caCert}) besides the system's.
 */
public final class QdrantAccess {

    private static final Logger LOG = LoggerFactory.getLogger(QdrantAccess.class);

    private final ClusterReads reads;
    private final QdrantEndpoints endpoints;
    private final QdrantHttpClients http;
    private final Duration timeout;
    /** One client per CA: a JDK HttpClient holds a selector thread and a connection pool, so it is shared. */
    private final Map<String, Optional<HttpClient>> byCa = new ConcurrentHashMap<>();

    public QdrantAccess(ClusterReads reads, QdrantEndpoints endpoints, HttpClient http, Duration timeout) {
        this(reads, endpoints, QdrantHttpClients.single(http), timeout);
    }

    /** @param http the clients for nodes without a CA of their own; each node always goes to the same one */
    public QdrantAccess(ClusterReads reads, QdrantEndpoints endpoints, QdrantHttpClients http, Duration timeout) {
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
     * Clients for the nodes of one cluster, with its scheme, API key and CA resolved once: each is a Secret read,
     * and a reconcile talks to every node.
     */
    public Nodes nodes(QdrantCluster cluster) {
        String namespace = cluster.getMetadata().getNamespace();
        QdrantConfiguration config = cluster.getSpec().getConfig();
        boolean tls = config != null && config.getService() != null && Boolean.TRUE.equals(config.getService().getEnableTls());
        QdrantSecretKeyRef ref = config == null || config.getService() == null ? null : config.getService().getApiKey();
        String apiKey = secret(namespace, ref);
        HttpClient client = null;
        if (tls && config.getTls() != null) {
            String ca = secret(namespace, config.getTls().getCaCert());
            if (ca != null) {
                client = byCa.computeIfAbsent(ca, pem -> trusting(pem, namespace, cluster.getSpec().getId())).orElse(null);
            }
        }
        return new Nodes(namespace, new ClusterNames(cluster.getSpec().getId()), tls, apiKey, client);
    }

    private String secret(String namespace, QdrantSecretKeyRef ref) {
        return ref == null || ref.getSecretKeyRef() == null ? null
                : reads.secretValue(namespace, ref.getSecretKeyRef().getName(), ref.getSecretKeyRef().getKey()).orElse(null);
    }

    /**
     * A client trusting the system's CAs and the cluster's; on a CA that does not parse, none: the shared clients,
     * which trust the system's alone (remembered, so the warning is logged once).
     */
    private Optional<HttpClient> trusting(String caPem, String namespace, String clusterId) {
        try {
            CustomCaTrust trust = CustomCaTrust.systemPlus(caPem);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new javax.net.ssl.TrustManager[] {trust.trustManager()}, null);
            return Optional.of(HttpClient.newBuilder().connectTimeout(timeout).sslContext(context).build());
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            LOG.warn("{}/{}: the CA certificate of config.tls.caCert is not usable ({}); trusting the system CAs only",
                    namespace, clusterId, e.getMessage());
            return Optional.empty();
        }
    }

    /** Node clients of one cluster. */
    public final class Nodes {
        private final String namespace;
        private final ClusterNames names;
        private final boolean tls;
        private final String apiKey;
        /** The cluster's own client (it trusts its CA), or null for the shared ones. */
        private final HttpClient client;

        private Nodes(String namespace, ClusterNames names, boolean tls, String apiKey, HttpClient client) {
            this.namespace = namespace;
            this.names = names;
            this.tls = tls;
            this.apiKey = apiKey;
            this.client = client;
        }

        public QdrantClient node(int ordinal) {
            URI endpoint = endpoints.endpoint(namespace, names, ordinal, tls);
            return new QdrantClient(endpoint, apiKey, client != null ? client : http.forNode(endpoint), timeout);
        }
    }
}
