package io.qdranthybrid.reconcile;

/** How one reconcile ended, as reported to {@link ReconcileMetrics}. */
public enum ReconcileOutcome {
    /** Finished; nothing scheduled. */
    DONE,
    /** Finished and asked to run again after a delay. */
    REQUEUE,
    /** Threw; retried with backoff. */
    ERROR
}
