package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How pods holding non-replicated shards are restarted. */
public enum OnDemandReplication implements WireEnum {
    /** Pods are restarted in place. */
    @JsonProperty("Off")
    OFF("Off"),
    /** Use the recreate-node flow when telemetry shows non-replicated shards. */
    @JsonProperty("Auto")
    AUTO("Auto"),
    /** Always use the recreate-node flow for eligible restarts. */
    @JsonProperty("On")
    ON("On");

    private final String wireValue;

    OnDemandReplication(String wireValue) {
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
