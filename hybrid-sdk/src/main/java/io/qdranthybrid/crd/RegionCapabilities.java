package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Volume;

import java.util.Objects;

/** Deprecated storage capabilities; computed from the classes now. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RegionCapabilities extends WithUnknownFields {

    @JsonPropertyDescription("VolumeSnapshots are supported.")
    private Boolean volumeSnapshot;

    @JsonPropertyDescription("Volume expansion is supported.")
    private Boolean volumeExpansion;

    public Boolean getVolumeSnapshot() {
        return volumeSnapshot;
    }

    public void setVolumeSnapshot(Boolean volumeSnapshot) {
        this.volumeSnapshot = volumeSnapshot;
    }

    public Boolean getVolumeExpansion() {
        return volumeExpansion;
    }

    public void setVolumeExpansion(Boolean volumeExpansion) {
        this.volumeExpansion = volumeExpansion;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RegionCapabilities that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(volumeSnapshot, that.volumeSnapshot)
                && Objects.equals(volumeExpansion, that.volumeExpansion);
    }

    @Override
    public int hashCode() {
        return Objects.hash(volumeSnapshot, volumeExpansion, getUnknownFields());
    }
}
