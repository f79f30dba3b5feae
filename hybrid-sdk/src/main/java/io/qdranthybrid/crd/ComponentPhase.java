package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Phase of a component (Helm release or repository) of a region. */
public enum ComponentPhase implements WireEnum {
    @JsonProperty("Ready")
    READY("Ready"),
    @JsonProperty("NotReady")
    NOT_READY("NotReady"),
    @JsonProperty("Unknown")
    UNKNOWN("Unknown"),
    @JsonProperty("NotFound")
    NOT_FOUND("NotFound");

    private final String wireValue;

    ComponentPhase(String wireValue) {
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
