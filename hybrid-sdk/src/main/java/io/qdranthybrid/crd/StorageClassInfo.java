package io.qdranthybrid.crd;

import io.fabric8.generator.annotation.Required;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

import java.util.Map;
import java.util.Objects;

/** A StorageClass of the region. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StorageClassInfo extends WithUnknownFields {

    @JsonPropertyDescription("Name.")
    @Required
    private String name;

    @JsonPropertyDescription("Default class.")
    @JsonProperty("default")
    @Required
    private Boolean defaultClass;

    @JsonPropertyDescription("Provisioner.")
    @Required
    private String provisioner;

    @JsonPropertyDescription("Volumes can grow.")
    @Required
    private Boolean allowVolumeExpansion;

    @JsonPropertyDescription("Reclaim policy.")
    @Required
    private String reclaimPolicy;

    @JsonPropertyDescription("Parameters.")
    private Map<String, String> parameters;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    @JsonProperty("default")
    public Boolean getDefaultClass() {
        return defaultClass;
    }

    @JsonProperty("default")
    public void setDefaultClass(Boolean defaultClass) {
        this.defaultClass = defaultClass;
    }

    public String getProvisioner() {
        return provisioner;
    }

    public void setProvisioner(String provisioner) {
        this.provisioner = provisioner;
    }

    public Boolean getAllowVolumeExpansion() {
        return allowVolumeExpansion;
    }

    public void setAllowVolumeExpansion(Boolean allowVolumeExpansion) {
        this.allowVolumeExpansion = allowVolumeExpansion;
    }

    public String getReclaimPolicy() {
        return reclaimPolicy;
    }

    public void setReclaimPolicy(String reclaimPolicy) {
        this.reclaimPolicy = reclaimPolicy;
    }

    public Map<String, String> getParameters() {
        return parameters;
    }

    public void setParameters(Map<String, String> parameters) {
        this.parameters = parameters;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof StorageClassInfo that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(name, that.name)
                && Objects.equals(defaultClass, that.defaultClass)
                && Objects.equals(provisioner, that.provisioner)
                && Objects.equals(allowVolumeExpansion, that.allowVolumeExpansion)
                && Objects.equals(reclaimPolicy, that.reclaimPolicy)
                && Objects.equals(parameters, that.parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, defaultClass, provisioner, allowVolumeExpansion, reclaimPolicy, parameters, getUnknownFields());
    }
}
