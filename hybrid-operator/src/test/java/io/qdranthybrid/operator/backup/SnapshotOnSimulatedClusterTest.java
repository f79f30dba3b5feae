package io.qdranthybrid.operator.backup;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterRestore;
import io.qdranthybrid.crd.QdrantClusterRestoreSpec;
import io.qdranthybrid.crd.RestoreDestination;
import io.qdranthybrid.crd.RestorePhase;
import io.qdranthybrid.crd.RestoreSource;
import io.qdranthybrid.crd.QdrantClusterSnapshot;
import io.qdranthybrid.crd.Storage;
import io.qdranthybrid.crd.SnapshotPhase;
import io.qdranthybrid.crd.VolumeSnapshotInfo;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/** Backups on the simulated cluster: VolumeSnapshots of every node, progress in status, retention. */
class SnapshotOnSimulatedClusterTest {

    private static SimulatedCluster cluster;
    private static BackupHarness harness;

    @BeforeAll
    static void start() {
        harness = BackupHarness.startWithOperator("backup");
        cluster = harness.cluster;
        harness.createCluster("alpha", 3);
        harness.awaitHealthy("alpha");
        cluster.qdrant().cluster(harness.namespace, "alpha").seedCollection("docs", 3, 1, 300);
    }

    @AfterAll
    static void stop() {
        BackupHarness.closeQuietly(harness);
    }

    @Test
    void backupOfThreeNodeClusterSucceedsWithAReadyVolumeSnapshotPerNodeAndIsDeletedWhenRetentionEnds() {
        harness.createSnapshot("alpha-manual", "alpha", "2h");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(harness.snapshotPhase("alpha-manual")).isEqualTo(SnapshotPhase.SUCCEEDED));
        QdrantClusterSnapshot done = harness.getSnapshot("alpha-manual");
        List<VolumeSnapshotInfo> infos = done.getStatus().getVolumeSnapshots();
        assertThat(infos).extracting(VolumeSnapshotInfo::getVolumeName).containsExactly(
                "qdrant-storage-qdrant-alpha-0", "qdrant-storage-qdrant-alpha-1", "qdrant-storage-qdrant-alpha-2");
        assertThat(infos).allSatisfy(info -> {
            assertThat(info.getReadyToUse()).isTrue();
            assertThat(info.getSnapshotHandle()).isNotBlank();
            assertThat(info.getError()).isNull();
        });
        assertThat(done.getStatus().getCompletionTime()).matches("([0-9]+h)?([0-9]+m)?[0-9]+s|[0-9]+ms");
        assertThat(Instant.parse(done.getStatus().getRetainUntil()))
                .isCloseTo(harness.clock.instant().plus(Duration.ofHours(2)), within(Duration.ofSeconds(30)));
        assertThat(done.getMetadata().getAnnotations()).containsKey(BackupNames.CLUSTER_SPEC_ANNOTATION);
        List<GenericKubernetesResource> volumeSnapshots = ownedBy("alpha-manual");
        assertThat(volumeSnapshots).hasSize(3).allSatisfy(vs -> {
            assertThat((Object) vs.get("spec", "volumeSnapshotClassName")).isEqualTo("csi-snapclass");
            assertThat(vs.getMetadata().getOwnerReferences()).singleElement()
                    .satisfies(ref -> assertThat(ref.getUid()).isEqualTo(done.getMetadata().getUid()));
        });

        harness.assertNoWritesDuringResyncs("qdrantclustersnapshot", "alpha-manual", "qdrantclustersnapshots", "volumesnapshots");

        harness.clock.advance(Duration.ofMinutes(119));
        // Not yet due: resyncs one "minute" before the deadline keep it.
        harness.awaitResyncs("qdrantclustersnapshot", "alpha-manual");
        assertThat(harness.getSnapshot("alpha-manual")).isNotNull();
        harness.clock.advance(Duration.ofMinutes(2));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(harness.getSnapshot("alpha-manual")).isNull();
            assertThat(ownedBy("alpha-manual")).isEmpty();
        });
    }

    @Test
    void backupOfMissingClusterIsSkippedWithReasonAndKeptForRetainUnsuccessful() {
        harness.createSnapshot("ghost-backup", "ghost", null);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(harness.snapshotPhase("ghost-backup")).isEqualTo(SnapshotPhase.SKIPPED));
        QdrantClusterSnapshot skipped = harness.getSnapshot("ghost-backup");
        assertThat(skipped.getStatus().getUnknownFields().get("message")).asString()
                .contains("cluster ghost not found in namespace " + harness.namespace);
        assertThat(Instant.parse(skipped.getStatus().getRetainUntil()))
                .isCloseTo(harness.clock.instant().plus(Duration.ofHours(72)), within(Duration.ofSeconds(30)));
        assertThat(ownedBy("ghost-backup")).isEmpty();
    }

    @Test
    void backupWithAnUnknownVolumeSnapshotClassFailsWithTheSnapshottersErrorAndCannotBeRestored() {
        harness.createCluster("beta", 1);
        // Edited from the latest copy: the one create returned is stale once the operator has written to it (409).
        cluster.client().resources(QdrantCluster.class).inNamespace(harness.namespace).withName("qdrant-beta").edit(c -> {
            Storage storage = new Storage();
            storage.setVolumeSnapshotClassName("no-such-class");
            c.getSpec().setStorage(storage);
            return c;
        });
        harness.awaitHealthy("beta");

        harness.createSnapshot("beta-backup", "beta", "1h");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(harness.snapshotPhase("beta-backup")).isEqualTo(SnapshotPhase.FAILED));
        QdrantClusterSnapshot failed = harness.getSnapshot("beta-backup");
        assertThat(failed.getStatus().getVolumeSnapshots()).singleElement().satisfies(info -> {
            assertThat(info.getReadyToUse()).isFalse();
            assertThat(info.getError().getMessage()).contains("no-such-class");
        });
        // Failed backups are kept for retainUnsuccessful (72h), not for the spec's retention.
        assertThat(Instant.parse(failed.getStatus().getRetainUntil()))
                .isCloseTo(harness.clock.instant().plus(Duration.ofHours(72)), within(Duration.ofSeconds(30)));

        // Nothing can be restored from it: a restore says so instead of waiting.
        QdrantClusterRestore restore = new QdrantClusterRestore();
        restore.setMetadata(new ObjectMetaBuilder().withName("from-failed").withNamespace(harness.namespace).build());
        restore.setSpec(new QdrantClusterRestoreSpec());
        restore.getSpec().setSource(new RestoreSource());
        restore.getSpec().getSource().setSnapshotName("beta-backup");
        restore.getSpec().getSource().setNamespace(harness.namespace); // required by the CRD, as in the real one
        restore.getSpec().setDestination(new RestoreDestination());
        restore.getSpec().getDestination().setName("beta-copy");
        restore.getSpec().getDestination().setNamespace(harness.namespace);
        restore.getSpec().getDestination().setCreate(true);
        cluster.client().resource(restore).create();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            QdrantClusterRestore seen = cluster.client().resource(restore).get();
            assertThat(seen.getStatus()).isNotNull();
            assertThat(seen.getStatus().getPhase()).isEqualTo(RestorePhase.FAILED);
            assertThat(seen.getStatus().getMessage()).isEqualTo("snapshot beta-backup is Failed; restore from a Succeeded snapshot");
        });
    }

    private static List<GenericKubernetesResource> ownedBy(String snapshotName) {
        return harness.volumeSnapshots().stream()
                .filter(vs -> snapshotName.equals(vs.getMetadata().getLabels().get(BackupNames.SNAPSHOT_LABEL)))
                .toList();
    }
}
