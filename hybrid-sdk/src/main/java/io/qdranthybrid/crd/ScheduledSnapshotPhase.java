package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Phase of a QdrantClusterScheduledSnapshot. */
public enum ScheduledSnapshotPhase implements WireEnum {
    @JsonProperty("Active")
    ACTIVE("Active"),
    @JsonProperty("Disabled")
    DISABLED("Disabled");

    private final String wireValue;

    ScheduledSnapshotPhase(String wireValue) {
        this.wireValue = wireValue;
    }

    @Override
    public String wireValue() {
        return wireValue;
    }

    @Override
    public String toString() {
        return wireValue;
    }
}
