package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Objects;

/** StorageClasses of the two volumes of each node. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StorageClassNames extends WithUnknownFields {

    @JsonPropertyDescription("StorageClass of the database volume.")
    private String db;

    @JsonPropertyDescription("StorageClass of the snapshots volume.")
    private String snapshots;

    public String getDb() {
        return db;
    }

    public void setDb(String db) {
        this.db = db;
    }

    public String getSnapshots() {
        return snapshots;
    }

    public void setSnapshots(String snapshots) {
        this.snapshots = snapshots;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof StorageClassNames that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(db, that.db)
                && Objects.equals(snapshots, that.snapshots);
    }

    @Override
    public int hashCode() {
        return Objects.hash(db, snapshots, getUnknownFields());
    }
}
