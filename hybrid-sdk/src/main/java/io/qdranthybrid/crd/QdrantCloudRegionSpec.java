package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.List;
import java.util.Objects;

/** A hybrid cloud environment (region) and its components. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class QdrantCloudRegionSpec extends WithUnknownFields {

    @JsonPropertyDescription("Id of the environment.")
    private String id;

    @JsonPropertyDescription("Components of the environment.")
    private List<ComponentReference> components;

    @JsonPropertyDescription("Deprecated: embedded HelmRepositories.")
    private List<EmbeddedHelmObject> helmRepositories;

    @JsonPropertyDescription("Deprecated: embedded HelmReleases.")
    private List<EmbeddedHelmObject> helmReleases;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public List<ComponentReference> getComponents() {
        return components;
    }

    public void setComponents(List<ComponentReference> components) {
        this.components = components;
    }

    public List<EmbeddedHelmObject> getHelmRepositories() {
        return helmRepositories;
    }

    public void setHelmRepositories(List<EmbeddedHelmObject> helmRepositories) {
        this.helmRepositories = helmRepositories;
    }

    public List<EmbeddedHelmObject> getHelmReleases() {
        return helmReleases;
    }

    public void setHelmReleases(List<EmbeddedHelmObject> helmReleases) {
        this.helmReleases = helmReleases;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof QdrantCloudRegionSpec that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(id, that.id)
                && Objects.equals(components, that.components)
                && Objects.equals(helmRepositories, that.helmRepositories)
                && Objects.equals(helmReleases, that.helmReleases);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, components, helmRepositories, helmReleases, getUnknownFields());
    }
}
