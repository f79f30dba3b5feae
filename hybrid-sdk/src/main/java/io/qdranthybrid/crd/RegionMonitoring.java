package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Objects;

/** Where monitoring metrics come from. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RegionMonitoring extends WithUnknownFields {

    @JsonPropertyDescription("Source of cAdvisor metrics.")
    @JsonProperty("cAdvisorMetricSource")
    private String cAdvisorMetricSource;

    @JsonPropertyDescription("Source of node metrics.")
    @JsonProperty("nodeMetricSource")
    private String nodeMetricSource;

    /**
     * The cAdvisorMetricSource; null when absent or a value this version does not know
     * (see {@link #rawCAdvisorMetricSource()}).
     */
    @JsonIgnore
    public MetricSource getCAdvisorMetricSource() {
        return WireEnum.fromWire(MetricSource.class, cAdvisorMetricSource);
    }

    /** The cAdvisorMetricSource as written in the manifest, also when this version does not know the value. */
    public String rawCAdvisorMetricSource() {
        return cAdvisorMetricSource;
    }

    @JsonIgnore
    public void setCAdvisorMetricSource(MetricSource cAdvisorMetricSource) {
        this.cAdvisorMetricSource = WireEnum.toWire(cAdvisorMetricSource);
    }

    /**
     * The nodeMetricSource; null when absent or a value this version does not know
     * (see {@link #rawNodeMetricSource()}).
     */
    @JsonIgnore
    public MetricSource getNodeMetricSource() {
        return WireEnum.fromWire(MetricSource.class, nodeMetricSource);
    }

    /** The nodeMetricSource as written in the manifest, also when this version does not know the value. */
    public String rawNodeMetricSource() {
        return nodeMetricSource;
    }

    @JsonIgnore
    public void setNodeMetricSource(MetricSource nodeMetricSource) {
        this.nodeMetricSource = WireEnum.toWire(nodeMetricSource);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RegionMonitoring that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(cAdvisorMetricSource, that.cAdvisorMetricSource)
                && Objects.equals(nodeMetricSource, that.nodeMetricSource);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cAdvisorMetricSource, nodeMetricSource, getUnknownFields());
    }
}
