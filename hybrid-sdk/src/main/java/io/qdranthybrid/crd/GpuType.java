package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonProperty;

/** GPU vendor used for indexing. */
public enum GpuType implements WireEnum {
    @JsonProperty("nvidia")
    NVIDIA("nvidia"),
    @JsonProperty("amd")
    AMD("amd");

    private final String wireValue;

    GpuType(String wireValue) {
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
