package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Kubernetes distribution a region runs on. */
public enum KubernetesDistribution implements WireEnum {
    @JsonProperty("unknown")
    UNKNOWN("unknown"),
    @JsonProperty("aws")
    AWS("aws"),
    @JsonProperty("gcp")
    GCP("gcp"),
    @JsonProperty("azure")
    AZURE("azure"),
    @JsonProperty("do")
    DO("do"),
    @JsonProperty("scaleway")
    SCALEWAY("scaleway"),
    @JsonProperty("openshift")
    OPENSHIFT("openshift"),
    @JsonProperty("linode")
    LINODE("linode"),
    @JsonProperty("civo")
    CIVO("civo"),
    @JsonProperty("oci")
    OCI("oci"),
    @JsonProperty("ovhcloud")
    OVHCLOUD("ovhcloud"),
    @JsonProperty("stackit")
    STACKIT("stackit"),
    @JsonProperty("vultr")
    VULTR("vultr"),
    @JsonProperty("k3s")
    K3S("k3s");

    private final String wireValue;

    KubernetesDistribution(String wireValue) {
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
