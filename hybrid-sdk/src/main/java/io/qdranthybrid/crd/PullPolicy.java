package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Image pull policy of the Qdrant container. */
public enum PullPolicy implements WireEnum {
    @JsonProperty("Always")
    ALWAYS("Always"),
    @JsonProperty("IfNotPresent")
    IF_NOT_PRESENT("IfNotPresent"),
    @JsonProperty("Never")
    NEVER("Never");

    private final String wireValue;

    PullPolicy(String wireValue) {
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
