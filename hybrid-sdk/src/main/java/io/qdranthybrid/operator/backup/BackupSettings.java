package io.qdranthybrid.operator.backup;

import java.time.Duration;
import java.util.Objects;

/**
 * The operator's backup settings, as the real operator's {@code backupManagement} Helm values.
 *
 * @param volumeSnapshotClass class of the VolumeSnapshots when a cluster does not name one in
 *                            {@code spec.storage.volumeSnapshotClassName}
 * @param retainUnsuccessful  how long Failed and Skipped QdrantClusterSnapshots are kept
 * @param snapshotTimeout     a backup whose VolumeSnapshots are not all ready after this long fails
 * @param progressInterval    how often a running backup or restore looks at its VolumeSnapshots, PVCs and cluster
 *                            (VolumeSnapshots cannot be watched through the typed controller)
 * @param clusterRecheck      how often a schedule disabled for lack of its cluster looks for it again
 */
public record BackupSettings(String volumeSnapshotClass, Duration retainUnsuccessful, Duration snapshotTimeout,
                             Duration progressInterval, Duration clusterRecheck) {

    public static final String DEFAULT_VOLUME_SNAPSHOT_CLASS = "csi-snapclass";

    public BackupSettings {
        Objects.requireNonNull(volumeSnapshotClass, "volumeSnapshotClass");
        requirePositive(retainUnsuccessful, "retainUnsuccessful");
        requirePositive(snapshotTimeout, "snapshotTimeout");
        requirePositive(progressInterval, "progressInterval");
        requirePositive(clusterRecheck, "clusterRecheck");
    }

    /** The real operator's defaults: csi-snapclass, unsuccessful snapshots kept 72h, backups time out after 3.5h. */
    public static BackupSettings defaults() {
        return new BackupSettings(DEFAULT_VOLUME_SNAPSHOT_CLASS, Duration.ofHours(72), Duration.ofMinutes(210),
                Duration.ofSeconds(5), Duration.ofMinutes(1));
    }

    public BackupSettings withVolumeSnapshotClass(String className) {
        return new BackupSettings(className, retainUnsuccessful, snapshotTimeout, progressInterval, clusterRecheck);
    }

    public BackupSettings withRetainUnsuccessful(Duration retain) {
        return new BackupSettings(volumeSnapshotClass, retain, snapshotTimeout, progressInterval, clusterRecheck);
    }

    public BackupSettings withProgressInterval(Duration interval) {
        return new BackupSettings(volumeSnapshotClass, retainUnsuccessful, snapshotTimeout, interval, clusterRecheck);
    }

    public BackupSettings withClusterRecheck(Duration recheck) {
        return new BackupSettings(volumeSnapshotClass, retainUnsuccessful, snapshotTimeout, progressInterval, recheck);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + duration);
        }
    }
}
