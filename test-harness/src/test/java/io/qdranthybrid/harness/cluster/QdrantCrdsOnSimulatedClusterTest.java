package io.qdranthybrid.harness.cluster;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The CRD scenarios on the simulated cluster, which CI always runs. */
class QdrantCrdsOnSimulatedClusterTest extends QdrantCrdsScenarios {

    private static SimulatedCluster cluster;

    @BeforeAll
    static void start() {
        cluster = SimulatedCluster.start();
        cluster.installQdrantCrds();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    protected ClusterUnderTest cluster() {
        return cluster;
    }
}
