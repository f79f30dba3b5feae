package io.qdranthybrid.operator.cluster;

import io.qdranthybrid.crd.ClusterPhase;

import java.time.Duration;

/**
 * What a cluster is busy with: the phase it shows as, the message a user reads in Progressing, that condition's
 * reason when it is not the phase's, and when to look again.
 *
 * @param reason    Progressing's reason, or null for the phase's own
 * @param lookAgain how long until the next reconcile, unless an event comes first
 */
record Progress(ClusterPhase phase, String message, String reason, Duration lookAgain) {

    Progress(ClusterPhase phase, String message, Duration lookAgain) {
        this(phase, message, null, lookAgain);
    }

    Progress withReason(String progressReason) {
        return new Progress(phase, message, progressReason, lookAgain);
    }
}
