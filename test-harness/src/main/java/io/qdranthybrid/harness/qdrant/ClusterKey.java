package io.qdranthybrid.harness.qdrant;

import java.util.Objects;

/** Identifies one simulated Qdrant cluster: the namespace and the pods' {@code cluster-id} label. */
public record ClusterKey(String namespace, String clusterId) {

    public ClusterKey {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(clusterId, "clusterId");
    }

    @Override
    public String toString() {
        return namespace + "/" + clusterId;
    }
}
