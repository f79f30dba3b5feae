package io.qdranthybrid.operator;

import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.reconcile.ReconcileMetrics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;

/** One fast simulated cluster per test class; each test gets its own namespace and operator. */
abstract class OnSimulatedCluster {

    static final Duration CONVERGE = Duration.ofSeconds(60);
    static SimulatedCluster cluster;
    OperatorHarness harness;

    @BeforeAll
    static void startCluster() {
        cluster = OperatorHarness.fastCluster();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void startOperator() {
        harness = new OperatorHarness(cluster, cluster.createNamespace(namespacePrefix()));
        harness.startOperator(metrics());
    }

    @AfterEach
    void stopOperator() {
        cluster.api().faults().clear();
        harness.close();
        // The simulated nodes are shared by the class's tests: free the CPU this test's pods hold (volumes stay).
        cluster.client().resources(io.qdranthybrid.crd.QdrantCluster.class).inNamespace(harness.namespace).delete();
    }

    /** Prefix of each test's namespace. */
    abstract String namespacePrefix();

    /** Reconcile metrics the operator under test reports to. */
    ReconcileMetrics metrics() {
        return new ReconcileMetrics() { };
    }
}
