package io.qdranthybrid.crd;

import io.fabric8.generator.annotation.Default;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Settings of the cluster's client Service. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KubernetesService extends WithUnknownFields {

    @JsonPropertyDescription("Service type; ClusterIP by default.")
    @JsonProperty("type")
    @Default("ClusterIP")
    private String type;

    @JsonPropertyDescription("Annotations of the Service.")
    private Map<String, String> annotations;

    @JsonPropertyDescription("CIDRs allowed through a LoadBalancer.")
    private List<String> loadBalancerSourceRanges;

    /** The type; null when absent or a value this version does not know (see {@link #rawType()}). */
    @JsonIgnore
    public ServiceType getType() {
        return WireEnum.fromWire(ServiceType.class, type);
    }

    /** The type as written in the manifest, also when this version does not know the value. */
    public String rawType() {
        return type;
    }

    @JsonIgnore
    public void setType(ServiceType type) {
        this.type = WireEnum.toWire(type);
    }

    public Map<String, String> getAnnotations() {
        return annotations;
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations;
    }

    public List<String> getLoadBalancerSourceRanges() {
        return loadBalancerSourceRanges;
    }

    public void setLoadBalancerSourceRanges(List<String> loadBalancerSourceRanges) {
        this.loadBalancerSourceRanges = loadBalancerSourceRanges;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof KubernetesService that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(type, that.type)
                && Objects.equals(annotations, that.annotations)
                && Objects.equals(loadBalancerSourceRanges, that.loadBalancerSourceRanges);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, annotations, loadBalancerSourceRanges, getUnknownFields());
    }
}
