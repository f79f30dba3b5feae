package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.EnvVar;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Overrides of the pod template. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KubernetesPod extends WithUnknownFields {

    @JsonPropertyDescription("Extra pod annotations.")
    private Map<String, String> annotations;

    @JsonPropertyDescription("Extra pod labels.")
    private Map<String, String> labels;

    @JsonPropertyDescription("Extra environment variables of the Qdrant container.")
    private List<EnvVar> extraEnv;

    public Map<String, String> getAnnotations() {
        return annotations;
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations;
    }

    public Map<String, String> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = labels;
    }

    public List<EnvVar> getExtraEnv() {
        return extraEnv;
    }

    public void setExtraEnv(List<EnvVar> extraEnv) {
        this.extraEnv = extraEnv;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof KubernetesPod that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(annotations, that.annotations)
                && Objects.equals(labels, that.labels)
                && Objects.equals(extraEnv, that.extraEnv);
    }

    @Override
    public int hashCode() {
        return Objects.hash(annotations, labels, extraEnv, getUnknownFields());
    }
}
