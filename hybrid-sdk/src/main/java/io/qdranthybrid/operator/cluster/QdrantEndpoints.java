package io.qdranthybrid.operator.cluster;

import java.net.URI;

/**
 * Where the operator reaches a node's REST API. In a cluster that is the pod's stable DNS name behind the
 * headless Service; a test harness maps pods to wherever its simulated nodes listen.
 */
@FunctionalInterface
public interface QdrantEndpoints {

    URI endpoint(String namespace, ClusterNames names, int ordinal, boolean tls);

    /** {@code http(s)://qdrant-<id>-<n>.qdrant-headless-<id>.<namespace>.svc:6333}. */
    static QdrantEndpoints clusterDns() {
        return (namespace, names, ordinal, tls) -> URI.create((tls ? "https" : "http") + "://" + names.nodeHost(ordinal)
                + "." + namespace + ".svc:" + QdrantConfigRenderer.HTTP_PORT);
    }
}
