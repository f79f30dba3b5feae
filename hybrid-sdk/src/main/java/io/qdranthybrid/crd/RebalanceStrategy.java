package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the cluster-manager balances shards across nodes. */
public enum RebalanceStrategy implements WireEnum {
    @JsonProperty("by_count")
    BY_COUNT("by_count"),
    @JsonProperty("by_size")
    BY_SIZE("by_size"),
    @JsonProperty("by_count_and_size")
    BY_COUNT_AND_SIZE("by_count_and_size"),
    /** No automatic rebalancing. */
    @JsonProperty("disabled")
    DISABLED("disabled");

    private final String wireValue;

    RebalanceStrategy(String wireValue) {
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
