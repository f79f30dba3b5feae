package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Phase of a QdrantCloudRegion (a hybrid environment). */
public enum RegionPhase implements WireEnum {
    @JsonProperty("Ready")
    READY("Ready"),
    @JsonProperty("NotReady")
    NOT_READY("NotReady"),
    @JsonProperty("FailedToSync")
    FAILED_TO_SYNC("FailedToSync");

    private final String wireValue;

    RegionPhase(String wireValue) {
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
