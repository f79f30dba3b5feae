package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Objects;

/** Where monitoring metrics come from. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RegionMonitoring extends WithUnknownFields {

    @JsonPropertyDescription("Source of cAdvisor metrics.")
    @JsonProperty("cAdvisorMetricSource")
    private MetricSource cAdvisorMetricSource;

    @JsonPropertyDescription("Source of node metrics.")
    private MetricSource nodeMetricSource;

    @JsonProperty("cAdvisorMetricSource")
    public MetricSource getCAdvisorMetricSource() {
        return cAdvisorMetricSource;
    }

    @JsonProperty("cAdvisorMetricSource")
    public void setCAdvisorMetricSource(MetricSource cAdvisorMetricSource) {
        this.cAdvisorMetricSource = cAdvisorMetricSource;
    }

    public MetricSource getNodeMetricSource() {
        return nodeMetricSource;
    }

    public void setNodeMetricSource(MetricSource nodeMetricSource) {
        this.nodeMetricSource = nodeMetricSource;
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
