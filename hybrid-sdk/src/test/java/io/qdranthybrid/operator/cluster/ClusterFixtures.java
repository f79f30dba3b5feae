package io.qdranthybrid.operator.cluster;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterSpec;
import io.qdranthybrid.crd.Resources;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** QdrantClusters for model tests: a minimal one built in code, and the production-like reference manifest. */
final class ClusterFixtures {

    private ClusterFixtures() {
    }

    static QdrantCluster minimal() {
        QdrantCluster cluster = new QdrantCluster();
        cluster.setMetadata(new ObjectMetaBuilder().withName("qdrant-demo").withNamespace("team-a")
                .withUid("uid-123").addToLabels("cluster-id", "demo").build());
        QdrantClusterSpec spec = new QdrantClusterSpec();
        spec.setId("demo");
        spec.setVersion("v1.12.3");
        spec.setSize(3);
        Resources resources = new Resources();
        resources.setCpu("1");
        resources.setMemory("2Gi");
        resources.setStorage("20Gi");
        spec.setResources(resources);
        cluster.setSpec(spec);
        return cluster;
    }

    static QdrantCluster production() {
        try (InputStream in = ClusterFixtures.class.getResourceAsStream("/manifests/cluster-production.yaml")) {
            QdrantCluster cluster = Serialization.unmarshal(in, QdrantCluster.class);
            cluster.getMetadata().setUid("uid-prod");
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static QdrantCluster copy(QdrantCluster cluster) {
        return Serialization.clone(cluster);
    }

    /** Pod {@code ordinal} of cluster demo, Ready on {@code revision}, its node in consensus as peer 101 + ordinal. */
    static ClusterObservation.NodeObservation servingNode(int ordinal, String revision) {
        return new ClusterObservation.NodeObservation(ordinal, "qdrant-demo-" + ordinal, revision, true, false, false,
                101L + ordinal, 0, "Running", null);
    }

    static ClusterContext steady(QdrantCluster cluster) {
        return ClusterContext.steady(cluster, OperatorDefaults.hybrid());
    }
}
