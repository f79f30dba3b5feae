package io.qdranthybrid.crd;

import io.fabric8.generator.annotation.Required;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Objects;

/** A Kubernetes node of the region. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NodeInfo extends WithUnknownFields {

    @JsonPropertyDescription("Name.")
    @Required
    private String name;

    @JsonPropertyDescription("Cloud region.")
    private String region;

    @JsonPropertyDescription("Zone.")
    private String zone;

    @JsonPropertyDescription("Instance type.")
    private String instanceType;

    @JsonPropertyDescription("CPU architecture.")
    private String arch;

    @JsonPropertyDescription("Capacity.")
    @Required
    private NodeResources capacity;

    @JsonPropertyDescription("Allocatable.")
    @Required
    private NodeResources allocatable;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getZone() {
        return zone;
    }

    public void setZone(String zone) {
        this.zone = zone;
    }

    public String getInstanceType() {
        return instanceType;
    }

    public void setInstanceType(String instanceType) {
        this.instanceType = instanceType;
    }

    public String getArch() {
        return arch;
    }

    public void setArch(String arch) {
        this.arch = arch;
    }

    public NodeResources getCapacity() {
        return capacity;
    }

    public void setCapacity(NodeResources capacity) {
        this.capacity = capacity;
    }

    public NodeResources getAllocatable() {
        return allocatable;
    }

    public void setAllocatable(NodeResources allocatable) {
        this.allocatable = allocatable;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof NodeInfo that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(name, that.name)
                && Objects.equals(region, that.region)
                && Objects.equals(zone, that.zone)
                && Objects.equals(instanceType, that.instanceType)
                && Objects.equals(arch, that.arch)
                && Objects.equals(capacity, that.capacity)
                && Objects.equals(allocatable, that.allocatable);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, region, zone, instanceType, arch, capacity, allocatable, getUnknownFields());
    }
}
