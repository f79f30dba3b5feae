package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

import java.util.Objects;

/** Defaults for new collections. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CollectionConfig extends WithUnknownFields {

    @JsonPropertyDescription("Default replication factor of new collections.")
    @JsonProperty("replication_factor")
    private Long replicationFactor;

    @JsonPropertyDescription("Default write consistency factor of new collections.")
    @JsonProperty("write_consistency_factor")
    private Long writeConsistencyFactor;

    @JsonPropertyDescription("Vector storage defaults.")
    private VectorsConfig vectors;

    @JsonPropertyDescription("Strict-mode defaults.")
    @JsonProperty("strict_mode")
    private StrictModeConfig strictMode;

    @JsonProperty("replication_factor")
    public Long getReplicationFactor() {
        return replicationFactor;
    }

    @JsonProperty("replication_factor")
    public void setReplicationFactor(Long replicationFactor) {
        this.replicationFactor = replicationFactor;
    }

    @JsonProperty("write_consistency_factor")
    public Long getWriteConsistencyFactor() {
        return writeConsistencyFactor;
    }

    @JsonProperty("write_consistency_factor")
    public void setWriteConsistencyFactor(Long writeConsistencyFactor) {
        this.writeConsistencyFactor = writeConsistencyFactor;
    }

    public VectorsConfig getVectors() {
        return vectors;
    }

    public void setVectors(VectorsConfig vectors) {
        this.vectors = vectors;
    }

    @JsonProperty("strict_mode")
    public StrictModeConfig getStrictMode() {
        return strictMode;
    }

    @JsonProperty("strict_mode")
    public void setStrictMode(StrictModeConfig strictMode) {
        this.strictMode = strictMode;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CollectionConfig that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(replicationFactor, that.replicationFactor)
                && Objects.equals(writeConsistencyFactor, that.writeConsistencyFactor)
                && Objects.equals(vectors, that.vectors)
                && Objects.equals(strictMode, that.strictMode);
    }

    @Override
    public int hashCode() {
        return Objects.hash(replicationFactor, writeConsistencyFactor, vectors, strictMode, getUnknownFields());
    }
}
