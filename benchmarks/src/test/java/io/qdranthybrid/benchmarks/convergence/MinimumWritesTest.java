package io.qdranthybrid.benchmarks.convergence;

import io.qdranthybrid.harness.cluster.QdrantClusterManifests;
import io.qdranthybrid.operator.cluster.OperatorDefaults;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MinimumWritesTest {

    @Test
    void aThreeNodeClusterNeedsNineObjectsAndTwoStatusWrites() {
        var cluster = QdrantClusterManifests.standard("ns", "c0", 3, "v1.12.3");

        // ConfigMap, headless and client Services, 3 per-node Services, NetworkPolicy, PDB, StatefulSet
        assertThat(MinimumWrites.ownedObjects(cluster, OperatorDefaults.hybrid())).isEqualTo(9);
        assertThat(MinimumWrites.perNewCluster(cluster, OperatorDefaults.hybrid())).isEqualTo(11);
    }

    @Test
    void eachNodeAddsItsOwnService() {
        var one = QdrantClusterManifests.standard("ns", "c0", 1, "v1.12.3");
        var five = QdrantClusterManifests.standard("ns", "c0", 5, "v1.12.3");

        assertThat(MinimumWrites.perNewCluster(five, OperatorDefaults.hybrid())
                - MinimumWrites.perNewCluster(one, OperatorDefaults.hybrid())).isEqualTo(4);
    }
}
