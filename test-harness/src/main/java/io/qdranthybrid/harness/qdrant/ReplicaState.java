package io.qdranthybrid.harness.qdrant;

/**
 * A shard replica's state, spelled as Qdrant's REST API spells it, with the rules Qdrant attaches to each
 * ({@code ReplicaState} in {@code lib/collection/src/shards/replica_set/replica_set_state.rs}, v1.17).
 */
public enum ReplicaState {
    /** Serves reads and writes. */
    Active,
    /** Receiving a {@code stream_records} transfer; not yet complete. */
    Partial,
    /** Its peer is unreachable, or it missed writes while it was. */
    Dead,
    /** Created with the collection, not yet confirmed. */
    Initializing,
    /** On a node running with {@code storage.node_type: Listener}: takes writes, never serves reads. */
    Listener,
    /** Receiving a {@code snapshot} or {@code wal_delta} transfer; takes no regular writes. */
    Recovery,
    /** A new shard receiving its points while the collection is resharded up. */
    Resharding,
    /** A shard receiving the points of a shard that resharding down removes; counts as Active meanwhile. */
    ReshardingScaleDown,
    /** Active for readers, Partial for writers: a stream between shards has ended, the switch is not final yet. */
    ActiveRead,
    /** A shard snapshot is being recovered into it by hand (v1.16.4 and later); no writes, no automatic recovery. */
    ManualRecovery;

    /** {@code is_active}: a source of truth that a write must reach and a read may use. */
    public boolean isActive() {
        return this == Active || this == ReshardingScaleDown;
    }

    /** {@code is_updatable}: takes regular writes. */
    boolean isUpdatable() {
        return switch (this) {
            case Active, Partial, Initializing, Listener, Resharding, ReshardingScaleDown, ActiveRead -> true;
            case Dead, Recovery, ManualRecovery -> false;
        };
    }

    /** Still being filled: its data does not count as a copy of the shard yet. */
    boolean isFilling() {
        return switch (this) {
            case Partial, Recovery, Resharding, ManualRecovery -> true;
            default -> false;
        };
    }
}
