package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

import java.util.Objects;

/** Where to restore to. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RestoreDestination extends WithUnknownFields {

    @JsonPropertyDescription("Name of the destination cluster.")
    @Required
    private String name;

    @JsonPropertyDescription("Namespace of the destination cluster.")
    @Required
    private String namespace;

    @JsonPropertyDescription("Create a new cluster instead of restoring into the existing one.")
    private Boolean create;

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

    public Boolean getCreate() {
        return create;
    }

    public void setCreate(Boolean create) {
        this.create = create;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RestoreDestination that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(name, that.name)
                && Objects.equals(namespace, that.namespace)
                && Objects.equals(create, that.create);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, namespace, create, getUnknownFields());
    }
}
