package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Phase of a QdrantClusterSnapshot. */
public enum SnapshotPhase implements WireEnum {
    @JsonProperty("Running")
    RUNNING("Running"),
    /** Not taken, e.g. because the cluster was not found or suspended. */
    @JsonProperty("Skipped")
    SKIPPED("Skipped"),
    @JsonProperty("Failed")
    FAILED("Failed"),
    @JsonProperty("Succeeded")
    SUCCEEDED("Succeeded");

    private final String wireValue;

    SnapshotPhase(String wireValue) {
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
