package io.qdranthybrid.operator.backup;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.qdranthybrid.crd.QdrantClusterSpec;
import io.qdranthybrid.crd.StorageClassNames;
import io.qdranthybrid.crd.VolumeSnapshotInfo;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RestoreVolumesTest {

    private static VolumeSnapshotInfo info(String snapshot, String claim) {
        VolumeSnapshotInfo info = new VolumeSnapshotInfo();
        info.setVolumeSnapshotName(snapshot);
        info.setVolumeName(claim);
        return info;
    }

    @Test
    void volumesMapInNodeOrderOntoTheClaimsTheNewStatefulSetMakes() {
        List<RestoreVolumes.Target> targets = RestoreVolumes.targets("src", List.of(
                info("b-10", "qdrant-storage-qdrant-src-10"),
                info("b-2", "qdrant-storage-qdrant-src-2"),
                info("b-0", "qdrant-storage-qdrant-src-0")), "copy");

        // Node indexes with gaps (0, 2, 10) become 0, 1, 2: a StatefulSet claims from 0.
        assertThat(targets).containsExactly(
                new RestoreVolumes.Target("qdrant-storage-qdrant-copy-0", "b-0"),
                new RestoreVolumes.Target("qdrant-storage-qdrant-copy-1", "b-2"),
                new RestoreVolumes.Target("qdrant-storage-qdrant-copy-2", "b-10"));
    }

    @Test
    void restoredVolumeIsNeverSmallerThanTheSnapshot() {
        assertThat(RestoreVolumes.size("10Gi", "10Gi")).isEqualTo("10Gi");
        assertThat(RestoreVolumes.size("10Gi", "20Gi")).isEqualTo("20Gi");
        assertThat(RestoreVolumes.size("20Gi", "10737418240")).isEqualTo("20Gi");
        assertThat(RestoreVolumes.size(null, "5Gi")).isEqualTo("5Gi");
    }

    @Test
    void claimRestoresFromTheVolumeSnapshotWithTheRecordedClassAndIsMarkedAsTheRestores() {
        QdrantClusterSpec recorded = new QdrantClusterSpec();
        StorageClassNames classes = new StorageClassNames();
        classes.setDb("sim-csi");
        recorded.setStorageClassNames(classes);

        PersistentVolumeClaim claim = RestoreVolumes.claim(new RestoreVolumes.Target("qdrant-storage-qdrant-copy-0", "b-0"),
                "ns", "copy", recorded, "fallback", "10Gi", "uid-1", "backup");

        assertThat(claim.getSpec().getDataSource().getApiGroup()).isEqualTo("snapshot.storage.k8s.io");
        assertThat(claim.getSpec().getDataSource().getKind()).isEqualTo("VolumeSnapshot");
        assertThat(claim.getSpec().getDataSource().getName()).isEqualTo("b-0");
        assertThat(claim.getSpec().getStorageClassName()).isEqualTo("sim-csi");
        assertThat(claim.getMetadata().getLabels()).containsEntry("cluster-id", "copy").containsEntry("app", "qdrant");
        assertThat(claim.getMetadata().getAnnotations()).containsEntry(BackupNames.RESTORED_BY_ANNOTATION, "uid-1");
    }

    @Test
    void namesAreDeterministicAndBounded() {
        assertThat(BackupNames.scheduledSnapshot("nightly", Instant.parse("2026-11-24T03:00:00Z")))
                .isEqualTo("nightly-20261124030000");
        assertThat(BackupNames.volumeSnapshot("b", "qdrant-storage-qdrant-a-0")).isEqualTo("b-qdrant-storage-qdrant-a-0");
        String longName = "x".repeat(300);
        assertThat(BackupNames.volumeSnapshot(longName, "claim")).hasSize(253)
                .isEqualTo(BackupNames.volumeSnapshot(longName, "claim"))
                .isNotEqualTo(BackupNames.volumeSnapshot(longName, "claim2"));
        assertThat(BackupNames.clusterIdOf("qdrant-copy")).isEqualTo("copy");
        assertThat(BackupNames.clusterIdOf("copy")).isEqualTo("copy");
        assertThat(BackupNames.databaseClaimOrdinal("a-b", "qdrant-storage-qdrant-a-b-3")).contains(3);
        assertThat(BackupNames.databaseClaimOrdinal("a", "qdrant-storage-qdrant-a-b-3")).isEmpty();
        assertThat(BackupNames.databaseClaimOrdinal("a", "qdrant-snapshots-qdrant-a-0")).isEmpty();
    }
}
