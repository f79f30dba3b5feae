package io.qdranthybrid.crd.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.qdranthybrid.crd.WithUnknownFields;

import java.util.Objects;

/** Bootstrap configuration of the Envoy proxy of a cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EnvoyBootstrapConfigSpec extends WithUnknownFields {

    @JsonPropertyDescription("Id of the cluster.")
    @JsonProperty("clusterID")
    private String clusterID;

    @JsonPropertyDescription("The Service in front of the proxies.")
    private LoadBalancerServiceReference loadBalancerService;

    @JsonPropertyDescription("Zone-aware load balancing.")
    @Default("false")
    @JsonProperty("multiAZ")
    private Boolean multiAZ;

    @JsonPropertyDescription("Expect the PROXY protocol.")
    @Default("false")
    private Boolean proxyProtocolEnabled;

    public String getClusterID() {
        return clusterID;
    }

    public void setClusterID(String clusterID) {
        this.clusterID = clusterID;
    }

    public LoadBalancerServiceReference getLoadBalancerService() {
        return loadBalancerService;
    }

    public void setLoadBalancerService(LoadBalancerServiceReference loadBalancerService) {
        this.loadBalancerService = loadBalancerService;
    }

    public Boolean getMultiAZ() {
        return multiAZ;
    }

    public void setMultiAZ(Boolean multiAZ) {
        this.multiAZ = multiAZ;
    }

    public Boolean getProxyProtocolEnabled() {
        return proxyProtocolEnabled;
    }

    public void setProxyProtocolEnabled(Boolean proxyProtocolEnabled) {
        this.proxyProtocolEnabled = proxyProtocolEnabled;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof EnvoyBootstrapConfigSpec that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(clusterID, that.clusterID)
                && Objects.equals(loadBalancerService, that.loadBalancerService)
                && Objects.equals(multiAZ, that.multiAZ)
                && Objects.equals(proxyProtocolEnabled, that.proxyProtocolEnabled);
    }

    @Override
    public int hashCode() {
        return Objects.hash(clusterID, loadBalancerService, multiAZ, proxyProtocolEnabled, getUnknownFields());
    }
}
