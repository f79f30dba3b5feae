package io.qdranthybrid.protocol.delivery;

import io.qdranthybrid.protocol.message.DesiredState;

/** What to do with a received desired state, given what was already applied. */
public sealed interface DesiredStatePlan
        permits DesiredStatePlan.Apply, DesiredStatePlan.AlreadyApplied, DesiredStatePlan.RevisionGap {

    /** Apply {@code state}; for a delta, resources already applied have been removed. */
    record Apply(DesiredState state) implements DesiredStatePlan {
    }

    /** A redelivery of a revision at or below the last applied one: acknowledge again, apply nothing. */
    record AlreadyApplied(long revision, long lastApplied) implements DesiredStatePlan {
    }

    /** A delta built on a revision the agent never applied: ask for a snapshot instead of guessing. */
    record RevisionGap(long baseRevision, long lastApplied) implements DesiredStatePlan {
    }
}
