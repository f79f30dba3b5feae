package io.qdranthybrid.harness.qdrant;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Volumes and snapshots by handle. Guarded by the registry's lock. */
final class VolumeStore {

    private final Map<String, PeerVolume> volumes = new HashMap<>();
    private final Map<String, PeerVolume> snapshots = new HashMap<>();

    /** The volume behind {@code handle}; a handle never seen before is a fresh, empty volume. */
    PeerVolume attach(String handle) {
        return volumes.computeIfAbsent(handle, PeerVolume::new);
    }

    Optional<PeerVolume> find(String handle) {
        return Optional.ofNullable(volumes.get(handle));
    }

    boolean exists(String handle) {
        return volumes.containsKey(handle);
    }

    void snapshot(String volumeHandle, String snapshotHandle) {
        if (snapshots.containsKey(snapshotHandle)) {
            throw new IllegalStateException("snapshot " + snapshotHandle + " already exists; snapshot handles are unique");
        }
        PeerVolume source = volumes.getOrDefault(volumeHandle, new PeerVolume(volumeHandle));
        snapshots.put(snapshotHandle, source.copyAs(snapshotHandle));
    }

    void restore(String snapshotHandle, String volumeHandle) {
        PeerVolume snapshot = snapshots.get(snapshotHandle);
        if (snapshot == null) {
            throw new IllegalArgumentException("snapshot " + snapshotHandle + " does not exist; it was never taken or was deleted");
        }
        PeerVolume existing = volumes.get(volumeHandle);
        if (existing != null && !existing.isEmpty()) {
            throw new IllegalStateException("volume " + volumeHandle + " already holds data of peer "
                    + existing.peerId().orElse(0) + "; restore only seeds empty volumes");
        }
        volumes.put(volumeHandle, snapshot.copyAs(volumeHandle));
    }

    Optional<PeerVolume> delete(String volumeHandle) {
        return Optional.ofNullable(volumes.remove(volumeHandle));
    }

    void deleteSnapshot(String snapshotHandle) {
        snapshots.remove(snapshotHandle);
    }
}
