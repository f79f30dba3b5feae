package io.qdranthybrid.operator.backup;

import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantCluster;

import java.util.Optional;

/**
 * Whether a backup of a cluster is taken now or skipped, and why: pure, so a backup and the schedule that takes it
 * say the same thing. A suspended cluster has no pods to back up; a cluster that is creating, failed to create or
 * is NotReady has nodes that are down, and a volume snapshot of a node that is down or recovering is not a backup
 * one can restore with confidence, so the run is Skipped (the CRD's phase for a run not taken) with the cluster's
 * own reason, and the next run tries again.
 */
final class BackupEligibility {

    private BackupEligibility() {
    }

    /** Why a backup of {@code cluster} is skipped now; empty when it can be taken. */
    static Optional<String> skipReason(QdrantCluster cluster) {
        String id = cluster.getSpec().getId();
        ClusterPhase phase = cluster.getStatus() == null ? null : cluster.getStatus().getPhase();
        if (Boolean.TRUE.equals(cluster.getSpec().getSuspend()) || phase == ClusterPhase.SUSPENDED
                || phase == ClusterPhase.SUSPENDING) {
            return Optional.of("cluster " + id + " is suspended; resume it to back it up");
        }
        if (phase == ClusterPhase.NOT_READY || phase == ClusterPhase.CREATING || phase == ClusterPhase.FAILED_TO_CREATE) {
            String reason = cluster.getStatus().getReason();
            return Optional.of("cluster " + id + " is " + phase.wireValue()
                    + (reason == null || reason.isBlank() ? "" : " (" + reason + ")")
                    + "; backups are taken once all its nodes are up");
        }
        return Optional.empty();
    }
}
