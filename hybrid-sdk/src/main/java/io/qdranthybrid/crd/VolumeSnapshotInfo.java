package io.qdranthybrid.crd;

import io.fabric8.generator.annotation.Required;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.List;
import java.util.Objects;

/** One VolumeSnapshot of a backup. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VolumeSnapshotInfo extends WithUnknownFields {

    @JsonPropertyDescription("Name of the VolumeSnapshot.")
    @Required
    private String volumeSnapshotName;

    @JsonPropertyDescription("Name of the PVC it snapshots.")
    @Required
    private String volumeName;

    @JsonPropertyDescription("The snapshot can be restored.")
    private Boolean readyToUse;

    @JsonPropertyDescription("Cloud provider's id of the snapshot.")
    private String snapshotHandle;

    @JsonPropertyDescription("Error, if any.")
    private VolumeSnapshotError error;

    @JsonPropertyDescription("Recent events.")
    private List<KubernetesEventInfo> events;

    public String getVolumeSnapshotName() {
        return volumeSnapshotName;
    }

    public void setVolumeSnapshotName(String volumeSnapshotName) {
        this.volumeSnapshotName = volumeSnapshotName;
    }

    public String getVolumeName() {
        return volumeName;
    }

    public void setVolumeName(String volumeName) {
        this.volumeName = volumeName;
    }

    public Boolean getReadyToUse() {
        return readyToUse;
    }

    public void setReadyToUse(Boolean readyToUse) {
        this.readyToUse = readyToUse;
    }

    public String getSnapshotHandle() {
        return snapshotHandle;
    }

    public void setSnapshotHandle(String snapshotHandle) {
        this.snapshotHandle = snapshotHandle;
    }

    public VolumeSnapshotError getError() {
        return error;
    }

    public void setError(VolumeSnapshotError error) {
        this.error = error;
    }

    public List<KubernetesEventInfo> getEvents() {
        return events;
    }

    public void setEvents(List<KubernetesEventInfo> events) {
        this.events = events;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof VolumeSnapshotInfo that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(volumeSnapshotName, that.volumeSnapshotName)
                && Objects.equals(volumeName, that.volumeName)
                && Objects.equals(readyToUse, that.readyToUse)
                && Objects.equals(snapshotHandle, that.snapshotHandle)
                && Objects.equals(error, that.error)
                && Objects.equals(events, that.events);
    }

    @Override
    public int hashCode() {
        return Objects.hash(volumeSnapshotName, volumeName, readyToUse, snapshotHandle, error, events, getUnknownFields());
    }
}
