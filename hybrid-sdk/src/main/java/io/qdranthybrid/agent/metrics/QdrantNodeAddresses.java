package io.qdranthybrid.agent.metrics;

import java.net.URI;

/**
 * Where the agent reaches a Qdrant node's REST port. In a cluster that is the pod's DNS name behind the headless
 * Service the operator creates; a test harness maps pods to wherever its simulated nodes listen.
 */
@FunctionalInterface
public interface QdrantNodeAddresses {

    URI node(String namespace, String clusterId, int ordinal, boolean tls);

    /**
     * {@code http(s)://qdrant-<id>-<n>.qdrant-headless-<id>.<namespace>.svc:6333}, the names the operator gives its
     * StatefulSet and headless Service (operator.cluster.ClusterNames; repeated here because the agent does not depend
     * on the operator).
     */
    static QdrantNodeAddresses clusterDns() {
        return (namespace, clusterId, ordinal, tls) -> URI.create((tls ? "https" : "http") + "://qdrant-" + clusterId
                + "-" + ordinal + ".qdrant-headless-" + clusterId + "." + namespace + ".svc:6333");
    }
}
