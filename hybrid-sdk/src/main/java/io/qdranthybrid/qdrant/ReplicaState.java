package io.qdranthybrid.qdrant;

/**
 * State of one replica of a shard, as Qdrant reports it. The values are those of {@code ReplicaState} in
 * {@code lib/collection/src/shards/replica_set/replica_set_state.rs} (v1.17; {@code ManualRecovery} is new there) and
 * of the {@code ReplicaState} schema in {@code docs/redoc/v1.17.x/openapi.json}.
 */
public enum ReplicaState {
    /** Complete data, serves reads and writes. */
    ACTIVE("Active"),
    /** Missed updates; must be recovered before it serves. */
    DEAD("Dead"),
    /** Receiving a transfer; takes writes, serves no reads. */
    PARTIAL("Partial"),
    /** Just created, empty, not yet activated. */
    INITIALIZING("Initializing"),
    /** Takes updates but is never read from nor counted for consistency (a listener node). */
    LISTENER("Listener"),
    /** Receiving a snapshot transfer; serves nothing. */
    PARTIAL_SNAPSHOT("PartialSnapshot"),
    /** Being recovered from another replica by a transfer that replaces its data. */
    RECOVERY("Recovery"),
    /** Being filled during resharding (scale-up of the shard count). */
    RESHARDING("Resharding"),
    /** Being filled during resharding down (scale-down of the shard count). */
    RESHARDING_SCALE_DOWN("ReshardingScaleDown"),
    /** Complete data and serves reads, but takes no regular updates (the source side of some transfers). */
    ACTIVE_READ("ActiveRead"),
    /** Qdrant gave up recovering it automatically (v1.17): an operator must recover or drop it; it holds no trusted data. */
    MANUAL_RECOVERY("ManualRecovery"),
    /** A state this client does not know yet; treated as not serving. */
    UNKNOWN("Unknown");

    private final String wireValue;

    ReplicaState(String wireValue) {
        this.wireValue = wireValue;
    }

    public String wireValue() {
        return wireValue;
    }

    /**
     * True only for a replica that holds complete, current data: the only kind a drain may copy from and the only
     * kind that lets another copy of the shard be dropped. {@code ActiveRead} holds complete data but stops taking
     * updates, so it is not a safe source to rely on.
     */
    public boolean serving() {
        return this == ACTIVE;
    }

    /** True while Qdrant itself is changing this replica (a transfer or resharding runs for it): wait, do not act. */
    public boolean inTransition() {
        return switch (this) {
            case PARTIAL, PARTIAL_SNAPSHOT, RECOVERY, RESHARDING, RESHARDING_SCALE_DOWN, INITIALIZING, ACTIVE_READ -> true;
            default -> false;
        };
    }

    /** True for a replica that a drain may simply drop: it holds nothing another replica lacks. */
    public boolean disposable() {
        return switch (this) {
            case DEAD, MANUAL_RECOVERY, LISTENER -> true;
            default -> false;
        };
    }

    static ReplicaState of(String wire) {
        for (ReplicaState state : values()) {
            if (state.wireValue.equals(wire)) {
                return state;
            }
        }
        return UNKNOWN;
    }
}
