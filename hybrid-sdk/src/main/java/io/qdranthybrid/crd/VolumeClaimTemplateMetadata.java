package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Map;
import java.util.Objects;

/** Metadata of an additional volume claim template. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VolumeClaimTemplateMetadata extends WithUnknownFields {

    @JsonPropertyDescription("Name of the claim template.")
    private String name;

    @JsonPropertyDescription("Labels.")
    private Map<String, String> labels;

    @JsonPropertyDescription("Annotations.")
    private Map<String, String> annotations;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Map<String, String> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = labels;
    }

    public Map<String, String> getAnnotations() {
        return annotations;
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof VolumeClaimTemplateMetadata that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(name, that.name)
                && Objects.equals(labels, that.labels)
                && Objects.equals(annotations, that.annotations);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, labels, annotations, getUnknownFields());
    }
}
