package io.qdranthybrid.operator.cluster;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterSpec;

import java.util.Objects;

/**
 * Everything the desired objects of a cluster are computed from: the resource, the operator's defaults,
 * and the two things the lifecycle decides at each step — the version to run now (an upgrade steps
 * through minor versions) and the StatefulSet's replica count (a scale-down drains before it shrinks).
 */
public record ClusterContext(QdrantCluster cluster, OperatorDefaults defaults, String runningVersion, int replicas) {

    public ClusterContext {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(cluster.getSpec(), "cluster.spec");
        Objects.requireNonNull(defaults, "defaults");
        Objects.requireNonNull(runningVersion, "runningVersion");
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must not be negative: " + replicas);
        }
    }

    /** The steady state: run the spec's version with the spec's size. */
    public static ClusterContext steady(QdrantCluster cluster, OperatorDefaults defaults) {
        return new ClusterContext(cluster, defaults, cluster.getSpec().getVersion(), cluster.getSpec().getSize());
    }

    public QdrantClusterSpec spec() {
        return cluster.getSpec();
    }

    public ClusterNames names() {
        return new ClusterNames(spec().getId());
    }

    public String namespace() {
        return cluster.getMetadata().getNamespace();
    }

    /** Owner reference so that deleting the QdrantCluster garbage-collects what it owns. */
    public OwnerReference ownerReference() {
        return new OwnerReferenceBuilder()
                .withApiVersion(cluster.getApiVersion())
                .withKind(cluster.getKind())
                .withName(cluster.getMetadata().getName())
                .withUid(cluster.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    boolean tlsEnabled() {
        return spec().getConfig() != null && spec().getConfig().getService() != null
                && Boolean.TRUE.equals(spec().getConfig().getService().getEnableTls());
    }
}
