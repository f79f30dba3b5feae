package io.qdranthybrid.harness.runtime;

/**
 * The bytes behind persistent volumes, as far as the simulated storage layer needs them: a CSI
 * snapshot copies a volume's data, a restore seeds a new volume from it, and a deleted volume's
 * data is gone for good. Implemented by whatever workload keeps data on volumes (the simulated
 * Qdrant nodes); volume handles are the PersistentVolume's {@code spec.csi.volumeHandle}.
 */
public interface VolumeData {

    /** Copies the current content of a volume into a snapshot. */
    void snapshot(String volumeHandle, String snapshotHandle);

    /** Seeds an empty volume with the content of a snapshot. */
    void restore(String snapshotHandle, String volumeHandle);

    /** The volume was deleted: its content no longer exists. */
    void deleteVolume(String volumeHandle);

    /** The snapshot was deleted. */
    void deleteSnapshot(String snapshotHandle);

    /** A VolumeData for workloads that keep nothing worth snapshotting. */
    VolumeData NONE = new VolumeData() {
        @Override public void snapshot(String volumeHandle, String snapshotHandle) { }
        @Override public void restore(String snapshotHandle, String volumeHandle) { }
        @Override public void deleteVolume(String volumeHandle) { }
        @Override public void deleteSnapshot(String snapshotHandle) { }
    };
}
