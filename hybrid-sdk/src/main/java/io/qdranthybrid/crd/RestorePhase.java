package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Phase of a QdrantClusterRestore. */
public enum RestorePhase implements WireEnum {
    @JsonProperty("Running")
    RUNNING("Running"),
    @JsonProperty("Skipped")
    SKIPPED("Skipped"),
    @JsonProperty("Failed")
    FAILED("Failed"),
    @JsonProperty("Succeeded")
    SUCCEEDED("Succeeded"),
    @JsonProperty("Pending")
    PENDING("Pending");

    private final String wireValue;

    RestorePhase(String wireValue) {
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
