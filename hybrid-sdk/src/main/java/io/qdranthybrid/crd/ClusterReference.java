package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

import java.util.Objects;

/** A reference to another QdrantCluster by id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ClusterReference extends WithUnknownFields {

    @JsonPropertyDescription("Cluster id.")
    @Required
    private String id;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ClusterReference that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(id, that.id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, getUnknownFields());
    }
}
