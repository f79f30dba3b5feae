package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.List;
import java.util.Objects;

/** Observed state of a hybrid cloud environment. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class QdrantCloudRegionStatus extends WithUnknownFields {

    @JsonPropertyDescription("Phase.")
    @JsonProperty("phase")
    private String phase;

    @JsonPropertyDescription("Kubernetes version.")
    private String k8sVersion;

    @JsonPropertyDescription("Number of nodes.")
    private Integer numberOfNodes;

    @JsonPropertyDescription("Deprecated capabilities.")
    private RegionCapabilities capabilities;

    @JsonPropertyDescription("Status of the Helm repositories.")
    private List<ComponentStatus> helmRepositories;

    @JsonPropertyDescription("Status of the Helm releases.")
    private List<ComponentStatus> helmReleases;

    @JsonPropertyDescription("Message.")
    private String message;

    @JsonPropertyDescription("Kubernetes distribution.")
    @JsonProperty("k8sDistribution")
    private String k8sDistribution;

    @JsonPropertyDescription("Monitoring sources.")
    private RegionMonitoring monitoring;

    @JsonPropertyDescription("StorageClasses.")
    private List<StorageClassInfo> storageClasses;

    @JsonPropertyDescription("VolumeSnapshotClasses.")
    private List<VolumeSnapshotClassInfo> volumeSnapshotClasses;

    @JsonPropertyDescription("VolumeAttributesClasses.")
    private List<VolumeAttributesClassInfo> volumeAttributesClasses;

    @JsonPropertyDescription("Nodes.")
    private List<NodeInfo> nodeInfos;

    /** The phase; null when absent or a value this version does not know (see {@link #rawPhase()}). */
    @JsonIgnore
    public RegionPhase getPhase() {
        return WireEnum.fromWire(RegionPhase.class, phase);
    }

    /** The phase as written in the manifest, also when this version does not know the value. */
    public String rawPhase() {
        return phase;
    }

    @JsonIgnore
    public void setPhase(RegionPhase phase) {
        this.phase = WireEnum.toWire(phase);
    }

    public String getK8sVersion() {
        return k8sVersion;
    }

    public void setK8sVersion(String k8sVersion) {
        this.k8sVersion = k8sVersion;
    }

    public Integer getNumberOfNodes() {
        return numberOfNodes;
    }

    public void setNumberOfNodes(Integer numberOfNodes) {
        this.numberOfNodes = numberOfNodes;
    }

    public RegionCapabilities getCapabilities() {
        return capabilities;
    }

    public void setCapabilities(RegionCapabilities capabilities) {
        this.capabilities = capabilities;
    }

    public List<ComponentStatus> getHelmRepositories() {
        return helmRepositories;
    }

    public void setHelmRepositories(List<ComponentStatus> helmRepositories) {
        this.helmRepositories = helmRepositories;
    }

    public List<ComponentStatus> getHelmReleases() {
        return helmReleases;
    }

    public void setHelmReleases(List<ComponentStatus> helmReleases) {
        this.helmReleases = helmReleases;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    /**
     * The k8sDistribution; null when absent or a value this version does not know
     * (see {@link #rawK8sDistribution()}).
     */
    @JsonIgnore
    public KubernetesDistribution getK8sDistribution() {
        return WireEnum.fromWire(KubernetesDistribution.class, k8sDistribution);
    }

    /** The k8sDistribution as written in the manifest, also when this version does not know the value. */
    public String rawK8sDistribution() {
        return k8sDistribution;
    }

    @JsonIgnore
    public void setK8sDistribution(KubernetesDistribution k8sDistribution) {
        this.k8sDistribution = WireEnum.toWire(k8sDistribution);
    }

    public RegionMonitoring getMonitoring() {
        return monitoring;
    }

    public void setMonitoring(RegionMonitoring monitoring) {
        this.monitoring = monitoring;
    }

    public List<StorageClassInfo> getStorageClasses() {
        return storageClasses;
    }

    public void setStorageClasses(List<StorageClassInfo> storageClasses) {
        this.storageClasses = storageClasses;
    }

    public List<VolumeSnapshotClassInfo> getVolumeSnapshotClasses() {
        return volumeSnapshotClasses;
    }

    public void setVolumeSnapshotClasses(List<VolumeSnapshotClassInfo> volumeSnapshotClasses) {
        this.volumeSnapshotClasses = volumeSnapshotClasses;
    }

    public List<VolumeAttributesClassInfo> getVolumeAttributesClasses() {
        return volumeAttributesClasses;
    }

    public void setVolumeAttributesClasses(List<VolumeAttributesClassInfo> volumeAttributesClasses) {
        this.volumeAttributesClasses = volumeAttributesClasses;
    }

    public List<NodeInfo> getNodeInfos() {
        return nodeInfos;
    }

    public void setNodeInfos(List<NodeInfo> nodeInfos) {
        this.nodeInfos = nodeInfos;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof QdrantCloudRegionStatus that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(phase, that.phase)
                && Objects.equals(k8sVersion, that.k8sVersion)
                && Objects.equals(numberOfNodes, that.numberOfNodes)
                && Objects.equals(capabilities, that.capabilities)
                && Objects.equals(helmRepositories, that.helmRepositories)
                && Objects.equals(helmReleases, that.helmReleases)
                && Objects.equals(message, that.message)
                && Objects.equals(k8sDistribution, that.k8sDistribution)
                && Objects.equals(monitoring, that.monitoring)
                && Objects.equals(storageClasses, that.storageClasses)
                && Objects.equals(volumeSnapshotClasses, that.volumeSnapshotClasses)
                && Objects.equals(volumeAttributesClasses, that.volumeAttributesClasses)
                && Objects.equals(nodeInfos, that.nodeInfos);
    }

    @Override
    public int hashCode() {
        return Objects.hash(phase, k8sVersion, numberOfNodes, capabilities, helmRepositories, helmReleases, message, k8sDistribution, monitoring, storageClasses, volumeSnapshotClasses, volumeAttributesClasses, nodeInfos, getUnknownFields());
    }
}
