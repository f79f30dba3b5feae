package io.qdranthybrid.operator.backup;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterRestore;
import io.qdranthybrid.crd.QdrantClusterRestoreSpec;
import io.qdranthybrid.crd.RestoreDestination;
import io.qdranthybrid.crd.RestorePhase;
import io.qdranthybrid.crd.RestoreSource;
import io.qdranthybrid.crd.SnapshotPhase;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Restores on the simulated cluster: a backup of 300 points is taken, 150 more are written after it, and every
 * restore must bring back exactly the 300 of backup time.
 */
class RestoreOnSimulatedClusterTest {

    private static final long POINTS_AT_BACKUP = 300;
    private static final long POINTS_WRITTEN_LATER = 150;

    private static SimulatedCluster cluster;
    private static BackupHarness harness;

    @BeforeAll
    static void backUpThenWriteMore() {
        harness = BackupHarness.startWithOperator("restore");
        cluster = harness.cluster;
        harness.createCluster("src", 3);
        harness.awaitHealthy("src");
        cluster.qdrant().cluster(harness.namespace, "src").seedCollection("docs", 3, 1, POINTS_AT_BACKUP);
        harness.createSnapshot("src-backup", "src", "24h");
        await().atMost(Duration.ofSeconds(20)).until(() -> harness.snapshotPhase("src-backup") == SnapshotPhase.SUCCEEDED);
        cluster.qdrant().cluster(harness.namespace, "src").upsert("docs", POINTS_WRITTEN_LATER);
        assertThat(harness.points("src", "docs")).isEqualTo(POINTS_AT_BACKUP + POINTS_WRITTEN_LATER);
    }

    @AfterAll
    static void stop() {
        BackupHarness.closeQuietly(harness);
    }

    @Test
    void restoreIntoNewClusterBecomesHealthyWithThePointsOfBackupTime() {
        createRestore("to-copy", "src-backup", "qdrant-copy", true);

        awaitRestore("to-copy", RestorePhase.SUCCEEDED, Duration.ofSeconds(60));
        QdrantCluster copy = harness.getCluster("copy");
        assertThat(copy.getSpec().getId()).isEqualTo("copy");
        assertThat(copy.getSpec().getSize()).isEqualTo(3);
        assertThat(copy.getMetadata().getLabels()).containsEntry("cluster-id", "copy").containsEntry("customer-id", "acme");
        assertThat(harness.points("copy", "docs")).isEqualTo(POINTS_AT_BACKUP);
        for (int node = 0; node < 3; node++) {
            PersistentVolumeClaim claim = cluster.client().persistentVolumeClaims().inNamespace(harness.namespace)
                    .withName("qdrant-storage-qdrant-copy-" + node).get();
            assertThat(claim.getSpec().getDataSource().getKind()).isEqualTo("VolumeSnapshot");
        }
        harness.assertNoWritesDuringResyncs("qdrantclusterrestore", "to-copy", "qdrantclusterrestores");
        // The source is untouched by a restore into a new cluster.
        assertThat(harness.points("src", "docs")).isEqualTo(POINTS_AT_BACKUP + POINTS_WRITTEN_LATER);
    }

    @Test
    void restoreInPlaceRevertsDataAndConfigurationToBackupTime() {
        harness.createCluster("inplace", 3);
        harness.awaitHealthy("inplace");
        cluster.qdrant().cluster(harness.namespace, "inplace").seedCollection("docs", 3, 1, 90);
        harness.createSnapshot("inplace-backup", "inplace", null);
        await().atMost(Duration.ofSeconds(20)).until(() -> harness.snapshotPhase("inplace-backup") == SnapshotPhase.SUCCEEDED);
        cluster.qdrant().cluster(harness.namespace, "inplace").upsert("docs", 60);
        cluster.client().resources(QdrantCluster.class).inNamespace(harness.namespace).withName("qdrant-inplace")
                .edit(c -> {
                    c.getSpec().getResources().setCpu("700m");
                    return c;
                });

        createRestore("inplace-revert", "inplace-backup", "qdrant-inplace", false);

        awaitRestore("inplace-revert", RestorePhase.SUCCEEDED, Duration.ofSeconds(90));
        QdrantCluster reverted = harness.getCluster("inplace");
        assertThat(reverted.getSpec().getResources().getCpu()).isEqualTo("500m");
        assertThat(getRestore("inplace-revert").getStatus().getMessage()).as("the version did not change: nothing said of it")
                .isEqualTo("restored cluster inplace in place from snapshot inplace-backup");
        assertThat(reverted.getSpec().getSuspend()).isNotEqualTo(Boolean.TRUE);
        harness.awaitHealthy("inplace");
        assertThat(harness.points("inplace", "docs")).isEqualTo(90);
    }

    @Test
    void restoreInPlaceOfAnotherClustersBackupIsRefusedNamingBothAndTheClusterKeepsRunning() {
        harness.createCluster("bystander", 1);
        harness.awaitHealthy("bystander");

        createRestore("cross", "src-backup", "qdrant-bystander", false);

        awaitRestore("cross", RestorePhase.FAILED, Duration.ofSeconds(20));
        assertThat(getRestore("cross").getStatus().getMessage()).isEqualTo("snapshot src-backup is a backup of cluster "
                + "src, not of bystander; restore it in place into src, or into a new cluster with destination.create: true");
        assertThat(harness.getCluster("bystander").getSpec().getSuspend()).isNotEqualTo(Boolean.TRUE);
        harness.awaitHealthy("bystander");
    }

    @Test
    void restoreOfMissingSnapshotFailsSayingSo() {
        createRestore("from-nothing", "no-such-backup", "qdrant-other", true);

        awaitRestore("from-nothing", RestorePhase.FAILED, Duration.ofSeconds(10));
        assertThat(getRestore("from-nothing").getStatus().getMessage())
                .startsWith("snapshot not found").contains("no-such-backup");
        assertThat(harness.getCluster("other")).isNull();
    }

    private static void createRestore(String name, String snapshot, String destination, boolean create) {
        QdrantClusterRestore restore = new QdrantClusterRestore();
        restore.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(harness.namespace).build());
        QdrantClusterRestoreSpec spec = new QdrantClusterRestoreSpec();
        RestoreSource source = new RestoreSource();
        source.setSnapshotName(snapshot);
        source.setNamespace(harness.namespace); // required by the CRD, as in the real one
        spec.setSource(source);
        RestoreDestination target = new RestoreDestination();
        target.setName(destination);
        target.setNamespace(harness.namespace);
        target.setCreate(create);
        spec.setDestination(target);
        restore.setSpec(spec);
        cluster.client().resource(restore).create();
    }

    private static QdrantClusterRestore getRestore(String name) {
        return cluster.client().resources(QdrantClusterRestore.class).inNamespace(harness.namespace).withName(name).get();
    }

    private static void awaitRestore(String name, RestorePhase phase, Duration atMost) {
        await().atMost(atMost).untilAsserted(() -> {
            QdrantClusterRestore restore = getRestore(name);
            assertThat(restore.getStatus()).as("status of restore %s", name).isNotNull();
            assertThat(restore.getStatus().getPhase()).as("restore %s: %s", name, restore.getStatus().getMessage())
                    .isEqualTo(phase);
        });
    }
}
