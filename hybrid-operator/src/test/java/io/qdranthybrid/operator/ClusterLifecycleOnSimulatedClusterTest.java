package io.qdranthybrid.operator;

import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantCluster;
import org.junit.jupiter.api.Test;

import java.time.Duration;


import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The operator's lifecycle against the simulated cluster: real API semantics, StatefulSets, kubelet, Qdrant nodes. */
class ClusterLifecycleOnSimulatedClusterTest extends OnSimulatedCluster {

    @Override
    String namespacePrefix() {
        return "lifecycle";
    }

    @Test
    void newClusterBecomesHealthyWithEveryNodeInConsensus() {
        harness.create("alpha", 3, "v1.12.3");

        await().atMost(CONVERGE).untilAsserted(() -> {
            QdrantCluster qc = harness.get("alpha");
            assertThat(qc.getStatus()).isNotNull();
            assertThat(qc.getStatus().getPhase()).isEqualTo(ClusterPhase.HEALTHY);
        });
        QdrantCluster healthy = harness.get("alpha");
        assertThat(healthy.getStatus().getCurrentNodes()).isEqualTo(3);
        assertThat(healthy.getStatus().getVersion()).isEqualTo("v1.12.3");
        assertThat(healthy.getStatus().getObservedGeneration()).isEqualTo(healthy.getMetadata().getGeneration());
        assertThat(cluster.qdrant().cluster(harness.namespace, "alpha").peerIds()).hasSize(3);
        // Per-node status writes are paced (up to a few seconds behind the phase): wait for them.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var nodes = harness.get("alpha").getStatus().getNodes();
            assertThat(nodes).containsOnlyKeys("qdrant-alpha-0", "qdrant-alpha-1", "qdrant-alpha-2");
            assertThat(nodes.values()).allSatisfy(node -> {
                assertThat(node.getName()).startsWith("qdrant-alpha-");
                assertThat(node.getPodPhase()).isEqualTo("Running");
                assertThat(node.getState()).containsEntry("Ready", "True");
            });
            assertThat(harness.get("alpha").getStatus().getAvailableNodeIndexes()).containsExactly(0, 1, 2);
        });
    }
}
