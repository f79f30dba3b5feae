package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Outcome of reconciling a QdrantEntity. */
public enum EntityResultCode implements WireEnum {
    @JsonProperty("Ok")
    OK("Ok"),
    @JsonProperty("Pending")
    PENDING("Pending"),
    @JsonProperty("Error")
    ERROR("Error");

    private final String wireValue;

    EntityResultCode(String wireValue) {
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
