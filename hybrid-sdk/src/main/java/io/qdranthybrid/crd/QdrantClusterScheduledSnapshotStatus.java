package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Objects;

/** State of a backup schedule. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class QdrantClusterScheduledSnapshotStatus extends WithUnknownFields {

    @JsonPropertyDescription("Phase.")
    private ScheduledSnapshotPhase phase;

    @JsonPropertyDescription("Next run (UTC).")
    private String scheduled;

    @JsonPropertyDescription("Why the schedule is in this phase.")
    private String message;

    public ScheduledSnapshotPhase getPhase() {
        return phase;
    }

    public void setPhase(ScheduledSnapshotPhase phase) {
        this.phase = phase;
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
