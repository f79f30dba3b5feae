package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Map;
import java.util.Objects;

/** Overrides of the StatefulSet. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KubernetesStatefulSet extends WithUnknownFields {

    @JsonPropertyDescription("Extra StatefulSet annotations.")
    private Map<String, String> annotations;

    @JsonPropertyDescription("Pod template overrides.")
    private KubernetesPod pods;

    public Map<String, String> getAnnotations() {
        return annotations;
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations;
    }

    public KubernetesPod getPods() {
        return pods;
    }

    public void setPods(KubernetesPod pods) {
        this.pods = pods;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof KubernetesStatefulSet that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(annotations, that.annotations)
                && Objects.equals(pods, that.pods);
    }

    @Override
    public int hashCode() {
        return Objects.hash(annotations, pods, getUnknownFields());
    }
}
