package io.qdranthybrid.operator.backup;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterSpec;
import io.qdranthybrid.crd.QdrantClusterStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackupEligibilityTest {

    @Test
    void aClusterWhoseNodesAreNotUpIsSkippedWithItsOwnReason() {
        assertThat(BackupEligibility.skipReason(cluster(ClusterPhase.NOT_READY, "2/3 nodes ready", false)))
                .hasValue("cluster orders is NotReady (2/3 nodes ready); backups are taken once all its nodes are up");
        assertThat(BackupEligibility.skipReason(cluster(ClusterPhase.CREATING, "", false)))
                .hasValue("cluster orders is Creating; backups are taken once all its nodes are up");
        assertThat(BackupEligibility.skipReason(cluster(ClusterPhase.FAILED_TO_CREATE, "x", false))).isPresent();
    }

    @Test
    void aSuspendedClusterIsSkippedWithHowToResumeIt() {
        assertThat(BackupEligibility.skipReason(cluster(ClusterPhase.HEALTHY, "", true)))
                .hasValue("cluster orders is suspended; resume it to back it up");
        assertThat(BackupEligibility.skipReason(cluster(ClusterPhase.SUSPENDED, "", false))).isPresent();
    }

    @Test
    void aClusterThatServesIsBackedUpAlsoWhileItChanges() {
        for (ClusterPhase phase : new ClusterPhase[] {ClusterPhase.HEALTHY, ClusterPhase.UPDATING, ClusterPhase.SCALING,
                ClusterPhase.UPGRADING}) {
            assertThat(BackupEligibility.skipReason(cluster(phase, "", false))).as("%s", phase).isEmpty();
        }
        QdrantCluster fresh = cluster(ClusterPhase.HEALTHY, "", false);
        fresh.setStatus(null);
        assertThat(BackupEligibility.skipReason(fresh)).isEmpty();
    }

    private static QdrantCluster cluster(ClusterPhase phase, String reason, boolean suspend) {
        QdrantCluster cluster = new QdrantCluster();
        cluster.setMetadata(new ObjectMetaBuilder().withName("qdrant-orders").build());
        QdrantClusterSpec spec = new QdrantClusterSpec();
        spec.setId("orders");
        spec.setSuspend(suspend);
        cluster.setSpec(spec);
        QdrantClusterStatus status = new QdrantClusterStatus();
        status.setPhase(phase);
        status.setReason(reason);
        cluster.setStatus(status);
        return cluster;
    }
}
