package io.qdranthybrid.crd;

import io.qdranthybrid.crd.schema.EmbeddedResource;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;

import java.util.Objects;

/** Deprecated: a Helm object embedded in a region spec. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EmbeddedHelmObject extends WithUnknownFields {

    @JsonPropertyDescription("When it was marked for deletion.")
    private String markedForDeletionAt;

    @JsonPropertyDescription("The embedded object.")
    @PreserveUnknownFields
    @EmbeddedResource
    private JsonNode object;

    public String getMarkedForDeletionAt() {
        return markedForDeletionAt;
    }

    public void setMarkedForDeletionAt(String markedForDeletionAt) {
        this.markedForDeletionAt = markedForDeletionAt;
    }

    public JsonNode getObject() {
        return object;
    }

    public void setObject(JsonNode object) {
        this.object = object;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof EmbeddedHelmObject that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(markedForDeletionAt, that.markedForDeletionAt)
                && Objects.equals(object, that.object);
    }

    @Override
    public int hashCode() {
        return Objects.hash(markedForDeletionAt, object, getUnknownFields());
    }
}
