package io.qdranthybrid.platform.desired;

import io.qdranthybrid.protocol.message.DesiredState;

/** What an agent at some revision needs to catch up with the store. */
public sealed interface DesiredChanges permits DesiredChanges.UpToDate, DesiredChanges.Delta, DesiredChanges.SnapshotRequired {

    /** Nothing newer than the agent's revision. */
    record UpToDate(long revision) implements DesiredChanges {
    }

    /** The changes after the agent's revision, each resource at its latest revision (tombstones for deletions). */
    record Delta(DesiredState state) implements DesiredChanges {
    }

    /**
     * The bounded history no longer reaches back to the agent's revision (or the agent claims a revision the store
     * never had): send the whole state.
     */
    record SnapshotRequired(DesiredState state, String why) implements DesiredChanges {
    }
}
