package io.qdranthybrid.harness.controlplane;

/**
 * A restore (QdrantClusterRestore) of a backup into a cluster.
 *
 * @param intoNewCluster whether the destination cluster is created from the backup
 * @param phase          {@code Pending}, {@code Running}, {@code Succeeded}, {@code Failed} or {@code Skipped}; empty
 *                       until reported
 */
public record RestoreView(String name, String environmentId, String backupName, String destinationClusterId,
                          boolean intoNewCluster, String phase, String message) {
}
