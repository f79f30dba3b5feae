package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where monitoring metrics are scraped from. */
public enum MetricSource implements WireEnum {
    @JsonProperty("kubelet")
    KUBELET("kubelet"),
    @JsonProperty("api")
    API("api");

    private final String wireValue;

    MetricSource(String wireValue) {
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
