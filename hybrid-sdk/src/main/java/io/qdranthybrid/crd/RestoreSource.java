package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

import java.util.Objects;

/** The backup to restore. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RestoreSource extends WithUnknownFields {

    @JsonPropertyDescription("Name of the QdrantClusterSnapshot.")
    @Required
    private String snapshotName;

    @JsonPropertyDescription("Namespace of the snapshot.")
    @Required
    private String namespace;

    public String getSnapshotName() {
        return snapshotName;
    }

    public void setSnapshotName(String snapshotName) {
        this.snapshotName = snapshotName;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RestoreSource that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(snapshotName, that.snapshotName)
                && Objects.equals(namespace, that.namespace);
    }

    @Override
    public int hashCode() {
        return Objects.hash(snapshotName, namespace, getUnknownFields());
    }
}
