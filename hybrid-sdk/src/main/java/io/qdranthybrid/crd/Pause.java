package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Objects;

/** A request to leave the cluster alone; while any is present the operator changes nothing. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Pause extends WithUnknownFields {

    @JsonPropertyDescription("Who paused the cluster.")
    private String owner;

    @JsonPropertyDescription("Why the cluster is paused.")
    private String reason;

    @JsonPropertyDescription("When the pause was requested (RFC 3339).")
    private String creationTimestamp;

    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getCreationTimestamp() {
        return creationTimestamp;
    }

    public void setCreationTimestamp(String creationTimestamp) {
        this.creationTimestamp = creationTimestamp;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Pause that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(owner, that.owner)
                && Objects.equals(reason, that.reason)
                && Objects.equals(creationTimestamp, that.creationTimestamp);
    }

    @Override
    public int hashCode() {
        return Objects.hash(owner, reason, creationTimestamp, getUnknownFields());
    }
}
