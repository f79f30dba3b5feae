package io.qdranthybrid.crd;

import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.qdranthybrid.crd.schema.SchemaFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;

import java.util.List;
import java.util.Objects;

/** Progress of a backup. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@PreserveUnknownFields
public class QdrantClusterSnapshotStatus extends WithUnknownFields {

    @JsonPropertyDescription("Phase.")
    @JsonProperty("phase")
    @SchemaFrom(type = SnapshotPhase.class)
    private String phase;

    @JsonPropertyDescription("The VolumeSnapshots taken.")
    private List<VolumeSnapshotInfo> volumeSnapshots;

    @JsonPropertyDescription("When the snapshot will be deleted.")
    @SchemaFormat(SchemaFormat.DATE_TIME)
    private String retainUntil;

    @JsonPropertyDescription("How long the backup took, e.g. 1m10s.")
    private String completionTime;

    /** The phase; null when absent or a value this version does not know (see {@link #rawPhase()}). */
    @JsonIgnore
    public SnapshotPhase getPhase() {
        return WireEnum.fromWire(SnapshotPhase.class, phase);
    }

    /** The phase as written in the manifest, also when this version does not know the value. */
    public String rawPhase() {
        return phase;
    }

    @JsonIgnore
    public void setPhase(SnapshotPhase phase) {
        this.phase = WireEnum.toWire(phase);
    }

    public List<VolumeSnapshotInfo> getVolumeSnapshots() {
        return volumeSnapshots;
    }

    public void setVolumeSnapshots(List<VolumeSnapshotInfo> volumeSnapshots) {
        this.volumeSnapshots = volumeSnapshots;
    }

    public String getRetainUntil() {
        return retainUntil;
    }

    public void setRetainUntil(String retainUntil) {
        this.retainUntil = retainUntil;
    }

    public String getCompletionTime() {
        return completionTime;
    }

    public void setCompletionTime(String completionTime) {
        this.completionTime = completionTime;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof QdrantClusterSnapshotStatus that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(phase, that.phase)
                && Objects.equals(volumeSnapshots, that.volumeSnapshots)
                && Objects.equals(retainUntil, that.retainUntil)
                && Objects.equals(completionTime, that.completionTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(phase, volumeSnapshots, retainUntil, completionTime, getUnknownFields());
    }
}
