package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Objects;

/** Progress of a restore. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class QdrantClusterRestoreStatus extends WithUnknownFields {

    @JsonPropertyDescription("Phase.")
    private RestorePhase phase;

    @JsonPropertyDescription("Why the restore is in this phase, e.g. snapshot not found.")
    private String message;

    public RestorePhase getPhase() {
        return phase;
    }

    public void setPhase(RestorePhase phase) {
        this.phase = phase;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof QdrantClusterRestoreStatus that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(phase, that.phase)
                && Objects.equals(message, that.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(phase, message, getUnknownFields());
    }
}
