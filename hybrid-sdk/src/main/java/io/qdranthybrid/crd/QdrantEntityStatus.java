package io.qdranthybrid.crd;

import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;

import java.util.Objects;

/** Observed state of an entity. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@PreserveUnknownFields
public class QdrantEntityStatus extends WithUnknownFields {

    @JsonPropertyDescription("Phase.")
    @JsonProperty("phase")
    @SchemaFrom(type = EntityPhase.class)
    private String phase;

    @JsonPropertyDescription("Result.")
    private EntityResult result;

    @JsonPropertyDescription("Generation the status describes.")
    private Long observedGeneration;

    /** The phase; null when absent or a value this version does not know (see {@link #rawPhase()}). */
    @JsonIgnore
    public EntityPhase getPhase() {
        return WireEnum.fromWire(EntityPhase.class, phase);
    }

    /** The phase as written in the manifest, also when this version does not know the value. */
    public String rawPhase() {
        return phase;
    }

    @JsonIgnore
    public void setPhase(EntityPhase phase) {
        this.phase = WireEnum.toWire(phase);
    }

    public EntityResult getResult() {
        return result;
    }

    public void setResult(EntityResult result) {
        this.result = result;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof QdrantEntityStatus that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(phase, that.phase)
                && Objects.equals(result, that.result)
                && Objects.equals(observedGeneration, that.observedGeneration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(phase, result, observedGeneration, getUnknownFields());
    }
}
