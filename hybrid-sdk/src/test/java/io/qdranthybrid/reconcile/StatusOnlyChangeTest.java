package io.qdranthybrid.reconcile;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StatusOnlyChangeTest {

    private static QdrantCluster cluster(String resourceVersion, long generation) {
        QdrantCluster cluster = new QdrantCluster();
        cluster.setMetadata(new ObjectMetaBuilder().withName("qdrant-a").withNamespace("ns")
                .withResourceVersion(resourceVersion).withGeneration(generation)
                .withLabels(Map.of("cluster-id", "a")).withFinalizers(List.of()).build());
        return cluster;
    }

    private static QdrantCluster withPhase(QdrantCluster cluster, ClusterPhase phase) {
        cluster.setStatus(new QdrantClusterStatus());
        cluster.getStatus().setPhase(phase);
        return cluster;
    }

    @Test
    void aNewResourceVersionWithTheSameGenerationAndMetadataIsStatusOnly() {
        assertThat(StatusOnlyChange.between(withPhase(cluster("1", 1), ClusterPhase.CREATING),
                withPhase(cluster("2", 1), ClusterPhase.HEALTHY))).isTrue();
    }

    @Test
    void aSpecChangeIsNot() {
        assertThat(StatusOnlyChange.between(cluster("1", 1), cluster("2", 2))).isFalse();
    }

    @Test
    void labelAnnotationFinalizerAndDeletionChangesAreNot() {
        QdrantCluster labelled = cluster("2", 1);
        labelled.getMetadata().setLabels(Map.of("cluster-id", "a", "tier", "gold"));
        QdrantCluster annotated = cluster("2", 1);
        annotated.getMetadata().setAnnotations(Map.of("note", "x"));
        QdrantCluster finalized = cluster("2", 1);
        finalized.getMetadata().setFinalizers(List.of("qdrant.io/cleanup"));
        QdrantCluster deleting = cluster("2", 1);
        deleting.getMetadata().setDeletionTimestamp("2026-11-24T12:00:00Z");

        for (QdrantCluster changed : List.of(labelled, annotated, finalized, deleting)) {
            assertThat(StatusOnlyChange.between(cluster("1", 1), changed)).isFalse();
        }
    }

    @Test
    void anInformerResyncOfTheSameVersionIsNot() {
        assertThat(StatusOnlyChange.between(cluster("7", 1), cluster("7", 1))).isFalse();
    }
}
