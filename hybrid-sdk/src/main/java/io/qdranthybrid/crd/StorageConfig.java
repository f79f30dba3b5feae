package io.qdranthybrid.crd;

import io.qdranthybrid.crd.schema.SchemaFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;

import java.util.Objects;

/** Qdrant's storage section. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StorageConfig extends WithUnknownFields {

    @JsonPropertyDescription("Performance tuning.")
    private PerformanceConfig performance;

    @JsonPropertyDescription("Maximum number of collections (Qdrant 1.14.1 and later); 1000 when omitted.")
    @Min(1)
    @SchemaFormat(SchemaFormat.NONE)
    private Long maxCollections;

    public PerformanceConfig getPerformance() {
        return performance;
    }

    public void setPerformance(PerformanceConfig performance) {
        this.performance = performance;
    }

    public Long getMaxCollections() {
        return maxCollections;
    }

    public void setMaxCollections(Long maxCollections) {
        this.maxCollections = maxCollections;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof StorageConfig that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(performance, that.performance)
                && Objects.equals(maxCollections, that.maxCollections);
    }

    @Override
    public int hashCode() {
        return Objects.hash(performance, maxCollections, getUnknownFields());
    }
}
