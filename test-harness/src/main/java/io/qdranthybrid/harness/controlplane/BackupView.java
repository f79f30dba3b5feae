package io.qdranthybrid.harness.controlplane;

import java.time.Instant;

/**
 * A backup (QdrantClusterSnapshot) of a cluster and what the agent reported of it.
 *
 * @param phase       {@code Running}, {@code Succeeded}, {@code Failed} or {@code Skipped}; empty until reported;
 *                    {@value ClusterView#UNKNOWN} while the agent is stale (the hosted product's BackupStatus UNKNOWN)
 * @param retention   e.g. {@code 72h}; empty when kept until deleted
 * @param retainUntil when the operator deletes it, as it reported; empty when unknown or kept
 * @param reverts     what restoring it in place would change of the cluster's configuration now (see
 *                    {@link ConfigurationRevert#sentence()}); empty when nothing or when unknown
 * @param phaseReason why the phase is {@value ClusterView#UNKNOWN}: since when, and what was last reported; else empty
 */
public record BackupView(String name, String environmentId, String clusterId, Instant requestedAt, String retention,
                         String phase, String retainUntil, String reverts, String phaseReason) {
}
