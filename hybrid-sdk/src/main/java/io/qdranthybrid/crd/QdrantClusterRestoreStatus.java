package io.qdranthybrid.crd;

import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;

import java.util.Objects;

/** Progress of a restore. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@PreserveUnknownFields
public class QdrantClusterRestoreStatus extends WithUnknownFields {

    @JsonPropertyDescription("Phase.")
    @JsonProperty("phase")
    @SchemaFrom(type = RestorePhase.class)
    private String phase;

    @JsonPropertyDescription("Why the restore is in this phase, e.g. snapshot not found.")
    private String message;

    /** The phase; null when absent or a value this version does not know (see {@link #rawPhase()}). */
    @JsonIgnore
    public RestorePhase getPhase() {
        return WireEnum.fromWire(RestorePhase.class, phase);
    }

    /** The phase as written in the manifest, also when this version does not know the value. */
    public String rawPhase() {
        return phase;
    }

    @JsonIgnore
    public void setPhase(RestorePhase phase) {
        this.phase = WireEnum.toWire(phase);
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
