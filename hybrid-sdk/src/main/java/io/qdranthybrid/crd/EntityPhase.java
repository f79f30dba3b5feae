package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Phase of a QdrantEntity. */
public enum EntityPhase implements WireEnum {
    @JsonProperty("Creating")
    CREATING("Creating"),
    @JsonProperty("Ready")
    READY("Ready"),
    @JsonProperty("Updating")
    UPDATING("Updating"),
    @JsonProperty("Failing")
    FAILING("Failing"),
    @JsonProperty("Deleting")
    DELETING("Deleting"),
    @JsonProperty("Deleted")
    DELETED("Deleted");

    private final String wireValue;

    EntityPhase(String wireValue) {
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
