package io.qdranthybrid.qdrant;

/** State of one replica of a shard, as Qdrant reports it. */
public enum ReplicaState {
    ACTIVE("Active"),
    DEAD("Dead"),
    PARTIAL("Partial"),
    INITIALIZING("Initializing"),
    LISTENER("Listener"),
    PARTIAL_SNAPSHOT("PartialSnapshot"),
    RECOVERY("Recovery"),
    RESHARDING("Resharding"),
    RESHARDING_SCALE_DOWN("ReshardingScaleDown"),
    ACTIVE_READ("ActiveRead"),
    /** A state this client does not know yet; treated as not serving. */
    UNKNOWN("Unknown");

    private final String wireValue;

    ReplicaState(String wireValue) {
        this.wireValue = wireValue;
    }

    public String wireValue() {
        return wireValue;
    }

    /** True only for a replica that holds complete data and serves reads. */
    public boolean serving() {
        return this == ACTIVE;
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
