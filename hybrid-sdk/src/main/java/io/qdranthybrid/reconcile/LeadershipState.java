package io.qdranthybrid.reconcile;

/** Where a {@link LeaderElection} participant stands. */
public enum LeadershipState {
    /** start() not called yet. */
    NOT_STARTED,
    /** Competing for the lease; another replica (or nobody yet) holds it. */
    STANDBY,
    /** Holds the lease: this replica reconciles. */
    LEADER,
    /** Stopped, or lost the lease; the process should not reconcile any more. */
    STOPPED
}
