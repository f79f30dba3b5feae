package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Objects;

/** Last response of the cluster-manager. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ClusterManagerResponse extends WithUnknownFields {

    @JsonPropertyDescription("Response status.")
    private String status;

    @JsonPropertyDescription("Response description.")
    private String description;

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ClusterManagerResponse that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(status, that.status)
                && Objects.equals(description, that.description);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, description, getUnknownFields());
    }
}
