package io.qdranthybrid.operator.backup;

/**
 * What the operator sees of one VolumeSnapshot of a backup.
 *
 * @param name           the VolumeSnapshot
 * @param claimName      the PVC it snapshots
 * @param exists         false when the VolumeSnapshot is gone (deleted behind the operator's back)
 * @param readyToUse     the CSI driver cut it and it can be restored
 * @param snapshotHandle the driver's id of the snapshot, once known
 * @param errorMessage   the snapshotter's error, null when none
 * @param errorTime      when the error happened, null when none
 */
public record VolumeSnapshotState(String name, String claimName, boolean exists, boolean readyToUse,
                                  String snapshotHandle, String errorMessage, String errorTime) {

    public static VolumeSnapshotState missing(String name, String claimName) {
        return new VolumeSnapshotState(name, claimName, false, false, null, null, null);
    }
}
