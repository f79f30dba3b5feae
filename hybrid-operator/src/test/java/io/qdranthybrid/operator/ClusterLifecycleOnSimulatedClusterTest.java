package io.qdranthybrid.operator;

import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The operator's lifecycle against the simulated cluster: real API semantics, StatefulSets, kubelet, Qdrant nodes. */
class ClusterLifecycleOnSimulatedClusterTest {

    private static SimulatedCluster cluster;
    private OperatorHarness harness;

    @BeforeAll
    static void startCluster() {
        cluster = SimulatedCluster.start();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void startOperator() {
        harness = new OperatorHarness(cluster, cluster.createNamespace("lifecycle"));
        harness.startOperator();
    }

    @AfterEach
    void stopOperator() {
        harness.close();
    }

    @Test
    void newClusterBecomesHealthyWithEveryNodeInConsensus() {
        harness.create("alpha", 3, "v1.12.3");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            QdrantCluster qc = harness.get("alpha");
            assertThat(qc.getStatus()).isNotNull();
            assertThat(qc.getStatus().getPhase()).isEqualTo(ClusterPhase.HEALTHY);
        });
        QdrantCluster healthy = harness.get("alpha");
        assertThat(healthy.getStatus().getCurrentNodes()).isEqualTo(3);
        assertThat(healthy.getStatus().getVersion()).isEqualTo("v1.12.3");
        assertThat(healthy.getStatus().getObservedGeneration()).isEqualTo(healthy.getMetadata().getGeneration());
        assertThat(cluster.qdrant().cluster(harness.namespace, "alpha").peerIds()).hasSize(3);
    }
}
