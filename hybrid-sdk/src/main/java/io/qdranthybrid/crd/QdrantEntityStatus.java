package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Objects;

/** Observed state of an entity. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class QdrantEntityStatus extends WithUnknownFields {

    @JsonPropertyDescription("Phase.")
    private EntityPhase phase;

    @JsonPropertyDescription("Result.")
    private EntityResult result;

    @JsonPropertyDescription("Generation the status describes.")
    private Long observedGeneration;

    public EntityPhase getPhase() {
        return phase;
    }

    public void setPhase(EntityPhase phase) {
        this.phase = phase;
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
