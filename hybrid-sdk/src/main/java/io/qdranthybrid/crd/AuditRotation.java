package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How often audit log files are rotated. */
public enum AuditRotation implements WireEnum {
    @JsonProperty("daily")
    DAILY("daily"),
    @JsonProperty("hourly")
    HOURLY("hourly");

    private final String wireValue;

    AuditRotation(String wireValue) {
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
