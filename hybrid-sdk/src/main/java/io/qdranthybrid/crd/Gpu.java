package io.qdranthybrid.crd;

import io.fabric8.generator.annotation.Default;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

import java.util.List;
import java.util.Objects;

/** GPU indexing; setting gpuType turns it on (Qdrant 1.13 and later). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Gpu extends WithUnknownFields {

    @JsonPropertyDescription("GPU vendor.")
    @Required
    @JsonProperty("gpuType")
    @SchemaFrom(type = GpuType.class)
    private String gpuType;

    @JsonPropertyDescription("Force half precision.")
    @Required
    @Default("false")
    private Boolean forceHalfPrecision;

    @JsonPropertyDescription("Device name filters.")
    @Size(min = 1)
    private List<String> deviceFilter;

    @JsonPropertyDescription("Devices to use.")
    @Size(min = 1)
    private List<String> devices;

    @JsonPropertyDescription("Number of parallel indexing jobs; 1 by default.")
    @Min(1)
    @Default("1")
    private Integer parallelIndexes;

    @JsonPropertyDescription("Number of GPU groups.")
    @Min(1)
    private Integer groupsCount;

    @JsonPropertyDescription("Allow integrated GPUs.")
    @Required
    @Default("false")
    private Boolean allowIntegrated;

    /** The gpuType; null when absent or a value this version does not know (see {@link #rawGpuType()}). */
    @JsonIgnore
    public GpuType getGpuType() {
        return WireEnum.fromWire(GpuType.class, gpuType);
    }

    /** The gpuType as written in the manifest, also when this version does not know the value. */
    public String rawGpuType() {
        return gpuType;
    }

    @JsonIgnore
    public void setGpuType(GpuType gpuType) {
        this.gpuType = WireEnum.toWire(gpuType);
    }

    public Boolean getForceHalfPrecision() {
        return forceHalfPrecision;
    }

    public void setForceHalfPrecision(Boolean forceHalfPrecision) {
        this.forceHalfPrecision = forceHalfPrecision;
    }

    public List<String> getDeviceFilter() {
        return deviceFilter;
    }

    public void setDeviceFilter(List<String> deviceFilter) {
        this.deviceFilter = deviceFilter;
    }

    public List<String> getDevices() {
        return devices;
    }

    public void setDevices(List<String> devices) {
        this.devices = devices;
    }

    public Integer getParallelIndexes() {
        return parallelIndexes;
    }

    public void setParallelIndexes(Integer parallelIndexes) {
        this.parallelIndexes = parallelIndexes;
    }

    public Integer getGroupsCount() {
        return groupsCount;
    }

    public void setGroupsCount(Integer groupsCount) {
        this.groupsCount = groupsCount;
    }

    public Boolean getAllowIntegrated() {
        return allowIntegrated;
    }

    public void setAllowIntegrated(Boolean allowIntegrated) {
        this.allowIntegrated = allowIntegrated;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Gpu that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(gpuType, that.gpuType)
                && Objects.equals(forceHalfPrecision, that.forceHalfPrecision)
                && Objects.equals(deviceFilter, that.deviceFilter)
                && Objects.equals(devices, that.devices)
                && Objects.equals(parallelIndexes, that.parallelIndexes)
                && Objects.equals(groupsCount, that.groupsCount)
                && Objects.equals(allowIntegrated, that.allowIntegrated);
    }

    @Override
    public int hashCode() {
        return Objects.hash(gpuType, forceHalfPrecision, deviceFilter, devices, parallelIndexes, groupsCount, allowIntegrated, getUnknownFields());
    }
}
