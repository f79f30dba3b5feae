package io.qdranthybrid.harness.cluster;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The CRD scenarios against a real k3s API server, which validates our generated schemas for real. */
@Testcontainers(disabledWithoutDocker = true)
class QdrantCrdsOnK3sTest extends QdrantCrdsScenarios {

    private static K3sCluster k3s;

    @BeforeAll
    static void startK3s() {
        k3s = K3sCluster.start();
        k3s.installQdrantCrds();
    }

    @AfterAll
    static void stopK3s() {
        if (k3s != null) {
            k3s.close();
        }
    }

    @Override
    protected ClusterUnderTest cluster() {
        return k3s;
    }
}
