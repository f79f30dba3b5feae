package io.qdranthybrid.benchmarks.idiomatic;

import io.qdranthybrid.crd.QdrantApi;
import io.qdranthybrid.crd.QdrantCluster;

import java.util.Map;

/** The names and labels the idiomatic peer gives a cluster's objects, after the Qdrant Helm chart's. */
final class QdrantLabels {

    static final int HTTP = 6333;
    static final int GRPC = 6334;
    static final int P2P = 6335;
    /** Marks the per-node Services, so their bulk dependent's informer holds only them. */
    static final String NODE_SERVICE = "qdrant.io/node-service";
    /** Set by the StatefulSet controller on each pod: what a per-node Service selects. */
    static final String POD_NAME = "statefulset.kubernetes.io/pod-name";

    private QdrantLabels() {
    }

    static String name(QdrantCluster cluster) {
        return cluster.getMetadata().getName();
    }

    static String headless(QdrantCluster cluster) {
        return name(cluster) + "-headless";
    }

    /** Selects the cluster's pods (the chart's name and instance labels). */
    static Map<String, String> selector(QdrantCluster cluster) {
        return Map.of("app.kubernetes.io/name", "qdrant", "app.kubernetes.io/instance", name(cluster));
    }

    /** The selector plus the CR model's cluster id, which is how a Qdrant pod knows which cluster it joins. */
    static Map<String, String> podLabels(QdrantCluster cluster) {
        return Map.of("app.kubernetes.io/name", "qdrant", "app.kubernetes.io/instance", name(cluster),
                QdrantApi.Labels.CLUSTER_ID, cluster.getSpec().getId());
    }
}
