package io.qdranthybrid.operator.backup;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.qdranthybrid.crd.QdrantClusterSpec;
import io.qdranthybrid.crd.VolumeSnapshotInfo;
import io.qdranthybrid.operator.cluster.ClusterNames;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Which PVCs a restore creates from which VolumeSnapshots, and how they look: pure. */
public final class RestoreVolumes {

    /** One database volume to restore: the PVC the destination's StatefulSet will claim, from a VolumeSnapshot. */
    public record Target(String claimName, String volumeSnapshotName) {
    }

    private RestoreVolumes() {
    }

    /**
     * Maps the backup's VolumeSnapshots, in node order, to the destination cluster's nodes 0, 1, 2...: node
     * indexes of the source may have gaps after node recreations, while a StatefulSet claims from 0.
     */
    public static List<Target> targets(String sourceClusterId, List<VolumeSnapshotInfo> snapshots, String destinationId) {
        List<VolumeSnapshotInfo> ordered = new ArrayList<>(snapshots);
        ordered.sort(Comparator.comparing((VolumeSnapshotInfo info) -> BackupNames.databaseClaimOrdinal(sourceClusterId,
                info.getVolumeName()).orElse(Integer.MAX_VALUE)).thenComparing(VolumeSnapshotInfo::getVolumeName));
        List<Target> targets = new ArrayList<>();
        for (int ordinal = 0; ordinal < ordered.size(); ordinal++) {
            targets.add(new Target(BackupNames.databaseClaim(destinationId, ordinal), ordered.get(ordinal).getVolumeSnapshotName()));
        }
        return targets;
    }

    /** The size of a restored volume: what the cluster asked for, or the snapshot's size when that is larger. */
    public static String size(String requested, String restoreSize) {
        if (requested == null) {
            return restoreSize == null ? "10Gi" : restoreSize;
        }
        if (restoreSize == null) {
            return requested;
        }
        BigDecimal wanted = Quantity.getAmountInBytes(new Quantity(requested));
        BigDecimal needed = Quantity.getAmountInBytes(new Quantity(restoreSize));
        return needed.compareTo(wanted) > 0 ? restoreSize : requested;
    }

    /**
     * The PVC of one target, labelled as the StatefulSet's own claims and marked with the restore that made it, so that
     * a restarted operator recognises its work and never mistakes a user's volume for it.
     */
    public static PersistentVolumeClaim claim(Target target, String namespace, String destinationId, QdrantClusterSpec recorded,
                                              String defaultStorageClass, String size, String restoreUid, String snapshotName) {
        String storageClass = recorded.getStorageClassNames() != null && recorded.getStorageClassNames().getDb() != null
                ? recorded.getStorageClassNames().getDb() : defaultStorageClass;
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                    .withName(target.claimName())
                    .withNamespace(namespace)
                    .withLabels(new ClusterNames(destinationId).selector())
                    .addToAnnotations(BackupNames.RESTORED_BY_ANNOTATION, restoreUid)
                    .addToAnnotations(BackupNames.RESTORED_FROM_ANNOTATION, snapshotName)
                .endMetadata()
                .withNewSpec()
                    .withAccessModes("ReadWriteOnce")
                    .withStorageClassName(storageClass)
                    .withNewResources().addToRequests("storage", new Quantity(size)).endResources()
                    .withNewDataSource()
                        .withApiGroup(VolumeSnapshots.GROUP)
                        .withKind(VolumeSnapshots.KIND)
                        .withName(target.volumeSnapshotName())
                    .endDataSource()
                .endSpec()
                .build();
    }
}
