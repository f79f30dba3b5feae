package io.qdranthybrid.harness.controlplane;

/**
 * A restore (QdrantClusterRestore) of a backup into a cluster.
 *
 * @param intoNewCluster whether the destination cluster is created from the backup
 * @param phase          {@code Pending}, {@code Running}, {@code Succeeded}, {@code Failed} or {@code Skipped}; empty
 *                       until reported
 * @param reverts        for an in-place restore, what it changes of the cluster's configuration, e.g. "reverts cluster
 *                       x1 to its configuration at backup time: version v1.13.0 → v1.12.3, 5 → 3 nodes"; empty when
 *                       nothing differs or for a new cluster
 */
public record RestoreView(String name, String environmentId, String backupName, String destinationClusterId,
                          boolean intoNewCluster, String phase, String message,
                          String reverts) {
}
