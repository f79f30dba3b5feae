package io.qdranthybrid.harness.cluster;

import io.qdranthybrid.operator.cluster.QdrantEndpoints;

import java.net.URI;

/**
 * How an operator running next to a {@link SimulatedCluster} reaches its Qdrant pods: at the loopback port where each
 * pod's simulated node listens, instead of through cluster DNS. A pod that is not running maps to a port nothing
 * listens on, so the operator sees a refused connection, as it would in a real cluster.
 */
public final class SimulatedQdrantEndpoints {

    private static final URI NOTHING_LISTENS = URI.create("http://127.0.0.1:9");

    private SimulatedQdrantEndpoints() {
    }

    public static QdrantEndpoints of(SimulatedCluster cluster) {
        return (namespace, names, ordinal, tls) -> cluster.qdrantEndpoint(namespace, names.pod(ordinal))
                .orElse(NOTHING_LISTENS);
    }
}
