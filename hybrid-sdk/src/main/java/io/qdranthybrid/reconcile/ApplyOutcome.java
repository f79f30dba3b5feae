package io.qdranthybrid.reconcile;

/** What a write helper did: created the object, updated it, or found it already as desired and wrote nothing. */
public enum ApplyOutcome {
    CREATED,
    UPDATED,
    UNCHANGED
}
