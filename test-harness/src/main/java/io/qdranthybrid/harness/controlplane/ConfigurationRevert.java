package io.qdranthybrid.harness.controlplane;

import io.qdranthybrid.crd.QdrantClusterSpec;
import io.qdranthybrid.crd.Resources;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an in-place restore changes in a cluster's configuration: Qdrant Cloud's restore into the same cluster
 * "revert[s] the configuration, including the cluster version, back to the state when the backup was taken" (CPU,
 * memory, node count, version; qdrant-crds.md §3.5, from DOCS cloud/backups). Only what differs is named. Pure.
 *
 * <p>A version going back (v1.13 to v1.12) is no downgrade of live data, which Qdrant could not do: the volumes are
 * replaced by the backup's, written by the backed-up version, so that version is the one that can read them.
 *
 * @param changes e.g. {@code version v1.13.0 → v1.12.3}, {@code 5 → 3 nodes}; empty when nothing differs
 */
public record ConfigurationRevert(String clusterId, List<String> changes) {

    public ConfigurationRevert {
        changes = List.copyOf(changes);
    }

    /** From the cluster as now desired to the cluster as desired when the backup was taken. */
    public static ConfigurationRevert between(String clusterId, QdrantClusterSpec now, QdrantClusterSpec atBackup) {
        List<String> changes = new ArrayList<>();
        differs(changes, "version ", now.getVersion(), atBackup.getVersion(), "");
        differs(changes, "", now.getSize(), atBackup.getSize(), " nodes");
        Resources before = now.getResources() == null ? new Resources() : now.getResources();
        Resources after = atBackup.getResources() == null ? new Resources() : atBackup.getResources();
        differs(changes, "cpu ", before.getCpu(), after.getCpu(), "");
        differs(changes, "memory ", before.getMemory(), after.getMemory(), "");
        return new ConfigurationRevert(clusterId, changes);
    }

    public boolean none() {
        return changes.isEmpty();
    }

    /** "version v1.13.0 → v1.12.3, 5 → 3 nodes"; empty when nothing differs. */
    public String changesText() {
        return String.join(", ", changes);
    }

    /** What a user reads before an in-place restore starts; empty when it changes nothing of the configuration. */
    public String sentence() {
        return none() ? "" : "reverts cluster " + clusterId + " to its configuration at backup time: " + changesText();
    }

    /** Why the cluster's view is pending while the restore of {@code backupName} runs. */
    public String whileRestoring(String backupName) {
        return "restoring backup " + backupName + (none() ? "" : ": reverts " + changesText());
    }

    private static void differs(List<String> changes, String prefix, Object now, Object atBackup, String suffix) {
        if (atBackup != null && !Objects.equals(now, atBackup)) {
            changes.add(prefix + (now == null ? "default" : now) + " → " + atBackup + suffix);
        }
    }
}
