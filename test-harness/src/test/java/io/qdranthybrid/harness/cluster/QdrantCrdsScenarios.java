package io.qdranthybrid.harness.cluster;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterSpec;
import io.qdranthybrid.crd.QdrantClusterStatus;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a user of our CRDs relies on from any API server: the kinds are served, status is a subresource
 * that spec writes cannot touch, and {@code kubectl scale qc} works through the scale subresource. Run on
 * k3s (where Docker exists) and on the simulated cluster (always).
 */
abstract class QdrantCrdsScenarios {

    protected abstract ClusterUnderTest cluster();

    @Test
    void clusterCanBeCreatedReadBackAndScaledThroughTheScaleSubresource() {
        String ns = cluster().createNamespace("crds");
        QdrantCluster created = cluster().client().resource(cluster("scale-me", 1)).inNamespace(ns).create();
        assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);

        cluster().client().resources(QdrantCluster.class).inNamespace(ns).withName("qdrant-scale-me").scale(3);
        Scale scaled = cluster().client().resources(QdrantCluster.class).inNamespace(ns).withName("qdrant-scale-me")
                .scale();

        QdrantCluster after = cluster().client().resources(QdrantCluster.class).inNamespace(ns)
                .withName("qdrant-scale-me").get();
        assertThat(scaled.getSpec().getReplicas()).isEqualTo(3);
        assertThat(after.getSpec().getSize()).isEqualTo(3);
        assertThat(after.getMetadata().getGeneration()).isEqualTo(2L);
    }

    @Test
    void statusIsASubresourceThatSpecWritesCannotChange() {
        String ns = cluster().createNamespace("crds");
        cluster().client().resource(cluster("status", 1)).inNamespace(ns).create();
        QdrantCluster withStatus = cluster().client().resources(QdrantCluster.class).inNamespace(ns)
                .withName("qdrant-status").get();
        withStatus.setStatus(new QdrantClusterStatus());
        withStatus.getStatus().setPhase(ClusterPhase.HEALTHY);
        withStatus.getStatus().setCurrentNodes(1);
        cluster().client().resource(withStatus).inNamespace(ns).updateStatus();

        QdrantCluster spoof = cluster().client().resources(QdrantCluster.class).inNamespace(ns)
                .withName("qdrant-status").get();
        spoof.getStatus().setPhase(ClusterPhase.FAILED_TO_CREATE);
        spoof.getSpec().setSize(2);
        cluster().client().resource(spoof).inNamespace(ns).update();

        QdrantCluster stored = cluster().client().resources(QdrantCluster.class).inNamespace(ns)
                .withName("qdrant-status").get();
        assertThat(stored.getSpec().getSize()).isEqualTo(2);
        assertThat(stored.getStatus().getPhase()).isEqualTo(ClusterPhase.HEALTHY);
    }

    @Test
    void staleWriteIsRejectedWithConflict() {
        String ns = cluster().createNamespace("crds");
        QdrantCluster first = cluster().client().resource(cluster("conflict", 1)).inNamespace(ns).create();
        QdrantCluster second = cluster().client().resources(QdrantCluster.class).inNamespace(ns)
                .withName("qdrant-conflict").get();
        second.getSpec().setSize(2);
        cluster().client().resource(second).inNamespace(ns).update();

        first.getSpec().setSize(5);

        assertThatThrownBy(() -> cluster().client().resource(first).inNamespace(ns).update())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    }

    private static QdrantCluster cluster(String id, int size) {
        QdrantCluster cluster = new QdrantCluster();
        cluster.setMetadata(new ObjectMetaBuilder().withName("qdrant-" + id)
                .withLabels(Map.of("cluster-id", id, "customer-id", "acme")).build());
        QdrantClusterSpec spec = new QdrantClusterSpec();
        spec.setId(id);
        spec.setVersion("v1.12.3");
        spec.setSize(size);
        cluster.setSpec(spec);
        return cluster;
    }
}
