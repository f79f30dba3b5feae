package io.qdranthybrid.harness.qdrant;

/** A shard replica's state, spelled as Qdrant's REST API spells it. */
public enum ReplicaState {
    /** Serves reads and writes. */
    Active,
    /** Receiving a shard transfer; not yet complete. */
    Partial,
    /** Its peer is unreachable, or it missed writes while it was. */
    Dead,
    /** Created with the collection, not yet confirmed. */
    Initializing
}
