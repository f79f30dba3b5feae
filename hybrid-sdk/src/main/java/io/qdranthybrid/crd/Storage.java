package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;

import java.util.List;
import java.util.Objects;

/** Volume tuning of the cluster's PVCs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Storage extends WithUnknownFields {

    @JsonPropertyDescription("VolumeAttributesClass of the volumes; cannot be combined with iops or throughput.")
    private String volumeAttributesClassName;

    @JsonPropertyDescription("VolumeSnapshotClass used for this cluster's backups.")
    private String volumeSnapshotClassName;

    @JsonPropertyDescription("Provisioned IOPS; requires throughput.")
    private Integer iops;

    @JsonPropertyDescription("Provisioned throughput in MB/s; requires iops.")
    private Integer throughput;

    @JsonPropertyDescription("Extra pod volumes.")
    private List<Volume> additionalVolumes;

    @JsonPropertyDescription("Extra per-node PVC templates.")
    private List<AdditionalVolumeClaimTemplate> additionalVolumeClaimTemplates;

    @JsonPropertyDescription("Extra mounts of the Qdrant container.")
    private List<VolumeMount> additionalVolumeMounts;

    public String getVolumeAttributesClassName() {
        return volumeAttributesClassName;
    }

    public void setVolumeAttributesClassName(String volumeAttributesClassName) {
        this.volumeAttributesClassName = volumeAttributesClassName;
    }

    public String getVolumeSnapshotClassName() {
        return volumeSnapshotClassName;
    }

    public void setVolumeSnapshotClassName(String volumeSnapshotClassName) {
        this.volumeSnapshotClassName = volumeSnapshotClassName;
    }

    public Integer getIops() {
        return iops;
    }

    public void setIops(Integer iops) {
        this.iops = iops;
    }

    public Integer getThroughput() {
        return throughput;
    }

    public void setThroughput(Integer throughput) {
        this.throughput = throughput;
    }

    public List<Volume> getAdditionalVolumes() {
        return additionalVolumes;
    }

    public void setAdditionalVolumes(List<Volume> additionalVolumes) {
        this.additionalVolumes = additionalVolumes;
    }

    public List<AdditionalVolumeClaimTemplate> getAdditionalVolumeClaimTemplates() {
        return additionalVolumeClaimTemplates;
    }

    public void setAdditionalVolumeClaimTemplates(List<AdditionalVolumeClaimTemplate> additionalVolumeClaimTemplates) {
        this.additionalVolumeClaimTemplates = additionalVolumeClaimTemplates;
    }

    public List<VolumeMount> getAdditionalVolumeMounts() {
        return additionalVolumeMounts;
    }

    public void setAdditionalVolumeMounts(List<VolumeMount> additionalVolumeMounts) {
        this.additionalVolumeMounts = additionalVolumeMounts;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Storage that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(volumeAttributesClassName, that.volumeAttributesClassName)
                && Objects.equals(volumeSnapshotClassName, that.volumeSnapshotClassName)
                && Objects.equals(iops, that.iops)
                && Objects.equals(throughput, that.throughput)
                && Objects.equals(additionalVolumes, that.additionalVolumes)
                && Objects.equals(additionalVolumeClaimTemplates, that.additionalVolumeClaimTemplates)
                && Objects.equals(additionalVolumeMounts, that.additionalVolumeMounts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(volumeAttributesClassName, volumeSnapshotClassName, iops, throughput, additionalVolumes, additionalVolumeClaimTemplates, additionalVolumeMounts, getUnknownFields());
    }
}
