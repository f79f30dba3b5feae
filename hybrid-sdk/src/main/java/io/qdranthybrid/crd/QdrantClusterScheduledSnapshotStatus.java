package io.qdranthybrid.crd;

import io.qdranthybrid.crd.schema.SchemaFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;

import java.util.Objects;

/** State of a backup schedule. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class QdrantClusterScheduledSnapshotStatus extends WithUnknownFields {

    @JsonPropertyDescription("Phase.")
    @JsonProperty("phase")
    @SchemaFrom(type = ScheduledSnapshotPhase.class)
    private String phase;

    @JsonPropertyDescription("Next run (UTC).")
    @SchemaFormat(SchemaFormat.DATE_TIME)
    private String scheduled;

    @JsonPropertyDescription("Why the schedule is in this phase.")
    private String message;

    /** The phase; null when absent or a value this version does not know (see {@link #rawPhase()}). */
    @JsonIgnore
    public ScheduledSnapshotPhase getPhase() {
        return WireEnum.fromWire(ScheduledSnapshotPhase.class, phase);
    }

    /** The phase as written in the manifest, also when this version does not know the value. */
    public String rawPhase() {
        return phase;
    }

    @JsonIgnore
    public void setPhase(ScheduledSnapshotPhase phase) {
        this.phase = WireEnum.toWire(phase);
    }

    public String getScheduled() {
        return scheduled;
    }

    public void setScheduled(String scheduled) {
        this.scheduled = scheduled;
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
        if (!(o instanceof QdrantClusterScheduledSnapshotStatus that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(phase, that.phase)
                && Objects.equals(scheduled, that.scheduled)
                && Objects.equals(message, that.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(phase, scheduled, message, getUnknownFields());
    }
}
