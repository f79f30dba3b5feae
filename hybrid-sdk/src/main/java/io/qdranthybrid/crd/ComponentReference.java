package io.qdranthybrid.crd;

import io.fabric8.generator.annotation.Required;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Objects;

/** A component (Helm release or repository) a region manages. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ComponentReference extends WithUnknownFields {

    @JsonPropertyDescription("API version of the object.")
    @Required
    private String apiVersion;

    @JsonPropertyDescription("Kind of the object.")
    @Required
    private String kind;

    @JsonPropertyDescription("Name.")
    @Required
    private String name;

    @JsonPropertyDescription("Namespace.")
    @Required
    private String namespace;

    @JsonPropertyDescription("The component is to be removed.")
    private Boolean markedForDeletion;

    public String getApiVersion() {
        return apiVersion;
    }

    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public Boolean getMarkedForDeletion() {
        return markedForDeletion;
    }

    public void setMarkedForDeletion(Boolean markedForDeletion) {
        this.markedForDeletion = markedForDeletion;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ComponentReference that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(apiVersion, that.apiVersion)
                && Objects.equals(kind, that.kind)
                && Objects.equals(name, that.name)
                && Objects.equals(namespace, that.namespace)
                && Objects.equals(markedForDeletion, that.markedForDeletion);
    }

    @Override
    public int hashCode() {
        return Objects.hash(apiVersion, kind, name, namespace, markedForDeletion, getUnknownFields());
    }
}
