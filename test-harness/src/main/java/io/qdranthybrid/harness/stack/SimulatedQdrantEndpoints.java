package io.qdranthybrid.harness.stack;

import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.operator.cluster.ClusterNames;
import io.qdranthybrid.operator.cluster.QdrantEndpoints;

import java.net.URI;

/** The operator reaches each pod's simulated Qdrant node where it listens in this JVM. */
final class SimulatedQdrantEndpoints implements QdrantEndpoints {

    /** A port nothing listens on: an absent pod looks unreachable, as it would in a real cluster. */
    private static final URI NOWHERE = URI.create("http://127.0.0.1:9");

    private final SimulatedCluster cluster;

    SimulatedQdrantEndpoints(SimulatedCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public URI endpoint(String namespace, ClusterNames names, int ordinal, boolean tls) {
        return cluster.qdrantEndpoint(namespace, names.pod(ordinal)).orElse(NOWHERE);
    }
}
