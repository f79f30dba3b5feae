package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Kubernetes Service type of the cluster's client Service. */
public enum ServiceType implements WireEnum {
    @JsonProperty("ClusterIP")
    CLUSTER_IP("ClusterIP"),
    @JsonProperty("NodePort")
    NODE_PORT("NodePort"),
    @JsonProperty("LoadBalancer")
    LOAD_BALANCER("LoadBalancer");

    private final String wireValue;

    ServiceType(String wireValue) {
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
