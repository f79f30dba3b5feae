package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;

import java.util.Objects;

/** An additional PersistentVolumeClaim template of each node. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AdditionalVolumeClaimTemplate extends WithUnknownFields {

    @JsonPropertyDescription("Name, labels and annotations.")
    private VolumeClaimTemplateMetadata metadata;

    @JsonPropertyDescription("The claim spec.")
    private PersistentVolumeClaimSpec spec;

    public VolumeClaimTemplateMetadata getMetadata() {
        return metadata;
    }

    public void setMetadata(VolumeClaimTemplateMetadata metadata) {
        this.metadata = metadata;
    }

    public PersistentVolumeClaimSpec getSpec() {
        return spec;
    }

    public void setSpec(PersistentVolumeClaimSpec spec) {
        this.spec = spec;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AdditionalVolumeClaimTemplate that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(metadata, that.metadata)
                && Objects.equals(spec, that.spec);
    }

    @Override
    public int hashCode() {
        return Objects.hash(metadata, spec, getUnknownFields());
    }
}
