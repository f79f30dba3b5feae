package io.qdranthybrid.crd;

import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetSpec;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Desired state of a Qdrant cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@PreserveUnknownFields
public class QdrantClusterSpec extends WithUnknownFields {

    @JsonPropertyDescription("Unique id of the cluster in its namespace; objects are named qdrant-<id>.")
    @Required
    private String id;

    @JsonPropertyDescription("Qdrant version to run, e.g. v1.12.3; upgrades must not skip a minor version.")
    @Required
    private String version;

    @JsonPropertyDescription("Number of Qdrant nodes (pods).")
    @Required
    @Min(1)
    @Max(100)
    @SpecReplicas
    private Integer size;

    @JsonPropertyDescription("Create a Service for each node; true by default.")
    @Default("true")
    private Boolean servicePerNode;

    @JsonPropertyDescription("Use the cluster-manager; defaults to the operator's setting.")
    private Boolean clusterManager;

    @JsonPropertyDescription("Remove everything but the volumes.")
    @Default("false")
    private Boolean suspend;

    @JsonPropertyDescription("While any pause is present the operator changes nothing.")
    private List<Pause> pauses;

    @JsonPropertyDescription("Image overrides.")
    private QdrantImage image;

    @JsonPropertyDescription("Per-node resources.")
    private Resources resources;

    @JsonPropertyDescription("Security context of the Qdrant container.")
    private QdrantSecurityContext security;

    @JsonPropertyDescription("Tolerations of the pods.")
    private List<Toleration> tolerations;

    @JsonPropertyDescription("Node selector of the pods.")
    private Map<String, String> nodeSelector;

    @JsonPropertyDescription("Qdrant configuration.")
    private QdrantConfiguration config;

    @JsonPropertyDescription("Ingress settings.")
    private Ingress ingress;

    @JsonPropertyDescription("Client Service settings.")
    private KubernetesService service;

    @JsonPropertyDescription("GPU indexing settings.")
    private Gpu gpu;

    @JsonPropertyDescription("StatefulSet and pod overrides.")
    private KubernetesStatefulSet statefulSet;

    @JsonPropertyDescription("StorageClasses of the volumes.")
    private StorageClassNames storageClassNames;

    @JsonPropertyDescription("Volume tuning.")
    private Storage storage;

    @JsonPropertyDescription("Topology spread of the pods; defaults to the operator's.")
    private List<TopologySpreadConstraint> topologySpreadConstraints;

    @JsonPropertyDescription("PodDisruptionBudget of the cluster; defaults to maxUnavailable 1.")
    private PodDisruptionBudgetSpec podDisruptionBudget;

    @JsonPropertyDescription("Restart all pods at once; if unset, only when no collection is replicated.")
    private Boolean restartAllPodsConcurrently;

    @JsonPropertyDescription("Restart flow for nodes holding non-replicated shards; Off by default.")
    @Default("Off")
    @JsonProperty("onDemandReplication")
    @SchemaFrom(type = OnDemandReplication.class)
    private String onDemandReplication;

    @JsonPropertyDescription("Sleep before Qdrant starts, to inspect a crash-looping volume.")
    private Integer startupDelaySeconds;

    @JsonPropertyDescription("Automatic shard rebalancing strategy.")
    @JsonProperty("rebalanceStrategy")
    @SchemaFrom(type = RebalanceStrategy.class)
    private String rebalanceStrategy;

    @JsonPropertyDescription("Read clusters to synchronize with this cluster.")
    private List<ClusterReference> readClusters;

    @JsonPropertyDescription("Write cluster this cluster may send traffic to.")
    private ClusterReference writeCluster;

    @JsonPropertyDescription("Zone-aware load balancing.")
    @Default("false")
    private Boolean multiAZ;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public Integer getSize() {
        return size;
    }

    public void setSize(Integer size) {
        this.size = size;
    }

    public Boolean getServicePerNode() {
        return servicePerNode;
    }

    public void setServicePerNode(Boolean servicePerNode) {
        this.servicePerNode = servicePerNode;
    }

    public Boolean getClusterManager() {
        return clusterManager;
    }

    public void setClusterManager(Boolean clusterManager) {
        this.clusterManager = clusterManager;
    }

    public Boolean getSuspend() {
        return suspend;
    }

    public void setSuspend(Boolean suspend) {
        this.suspend = suspend;
    }

    public List<Pause> getPauses() {
        return pauses;
    }

    public void setPauses(List<Pause> pauses) {
        this.pauses = pauses;
    }

    public QdrantImage getImage() {
        return image;
    }

    public void setImage(QdrantImage image) {
        this.image = image;
    }

    public Resources getResources() {
        return resources;
    }

    public void setResources(Resources resources) {
        this.resources = resources;
    }

    public QdrantSecurityContext getSecurity() {
        return security;
    }

    public void setSecurity(QdrantSecurityContext security) {
        this.security = security;
    }

    public List<Toleration> getTolerations() {
        return tolerations;
    }

    public void setTolerations(List<Toleration> tolerations) {
        this.tolerations = tolerations;
    }

    public Map<String, String> getNodeSelector() {
        return nodeSelector;
    }

    public void setNodeSelector(Map<String, String> nodeSelector) {
        this.nodeSelector = nodeSelector;
    }

    public QdrantConfiguration getConfig() {
        return config;
    }

    public void setConfig(QdrantConfiguration config) {
        this.config = config;
    }

    public Ingress getIngress() {
        return ingress;
    }

    public void setIngress(Ingress ingress) {
        this.ingress = ingress;
    }

    public KubernetesService getService() {
        return service;
    }

    public void setService(KubernetesService service) {
        this.service = service;
    }

    public Gpu getGpu() {
        return gpu;
    }

    public void setGpu(Gpu gpu) {
        this.gpu = gpu;
    }

    public KubernetesStatefulSet getStatefulSet() {
        return statefulSet;
    }

    public void setStatefulSet(KubernetesStatefulSet statefulSet) {
        this.statefulSet = statefulSet;
    }

    public StorageClassNames getStorageClassNames() {
        return storageClassNames;
    }

    public void setStorageClassNames(StorageClassNames storageClassNames) {
        this.storageClassNames = storageClassNames;
    }

    public Storage getStorage() {
        return storage;
    }

    public void setStorage(Storage storage) {
        this.storage = storage;
    }

    public List<TopologySpreadConstraint> getTopologySpreadConstraints() {
        return topologySpreadConstraints;
    }

    public void setTopologySpreadConstraints(List<TopologySpreadConstraint> topologySpreadConstraints) {
        this.topologySpreadConstraints = topologySpreadConstraints;
    }

    public PodDisruptionBudgetSpec getPodDisruptionBudget() {
        return podDisruptionBudget;
    }

    public void setPodDisruptionBudget(PodDisruptionBudgetSpec podDisruptionBudget) {
        this.podDisruptionBudget = podDisruptionBudget;
    }

    public Boolean getRestartAllPodsConcurrently() {
        return restartAllPodsConcurrently;
    }

    public void setRestartAllPodsConcurrently(Boolean restartAllPodsConcurrently) {
        this.restartAllPodsConcurrently = restartAllPodsConcurrently;
    }

    /**
     * The onDemandReplication; null when absent or a value this version does not know
     * (see {@link #rawOnDemandReplication()}).
     */
    @JsonIgnore
    public OnDemandReplication getOnDemandReplication() {
        return WireEnum.fromWire(OnDemandReplication.class, onDemandReplication);
    }

    /** The onDemandReplication as written in the manifest, also when this version does not know the value. */
    public String rawOnDemandReplication() {
        return onDemandReplication;
    }

    @JsonIgnore
    public void setOnDemandReplication(OnDemandReplication onDemandReplication) {
        this.onDemandReplication = WireEnum.toWire(onDemandReplication);
    }

    public Integer getStartupDelaySeconds() {
        return startupDelaySeconds;
    }

    public void setStartupDelaySeconds(Integer startupDelaySeconds) {
        this.startupDelaySeconds = startupDelaySeconds;
    }

    /**
     * The rebalanceStrategy; null when absent or a value this version does not know
     * (see {@link #rawRebalanceStrategy()}).
     */
    @JsonIgnore
    public RebalanceStrategy getRebalanceStrategy() {
        return WireEnum.fromWire(RebalanceStrategy.class, rebalanceStrategy);
    }

    /** The rebalanceStrategy as written in the manifest, also when this version does not know the value. */
    public String rawRebalanceStrategy() {
        return rebalanceStrategy;
    }

    @JsonIgnore
    public void setRebalanceStrategy(RebalanceStrategy rebalanceStrategy) {
        this.rebalanceStrategy = WireEnum.toWire(rebalanceStrategy);
    }

    public List<ClusterReference> getReadClusters() {
        return readClusters;
    }

    public void setReadClusters(List<ClusterReference> readClusters) {
        this.readClusters = readClusters;
    }

    public ClusterReference getWriteCluster() {
        return writeCluster;
    }

    public void setWriteCluster(ClusterReference writeCluster) {
        this.writeCluster = writeCluster;
    }

    public Boolean getMultiAZ() {
        return multiAZ;
    }

    public void setMultiAZ(Boolean multiAZ) {
        this.multiAZ = multiAZ;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof QdrantClusterSpec that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(id, that.id)
                && Objects.equals(version, that.version)
                && Objects.equals(size, that.size)
                && Objects.equals(servicePerNode, that.servicePerNode)
                && Objects.equals(clusterManager, that.clusterManager)
                && Objects.equals(suspend, that.suspend)
                && Objects.equals(pauses, that.pauses)
                && Objects.equals(image, that.image)
                && Objects.equals(resources, that.resources)
                && Objects.equals(security, that.security)
                && Objects.equals(tolerations, that.tolerations)
                && Objects.equals(nodeSelector, that.nodeSelector)
                && Objects.equals(config, that.config)
                && Objects.equals(ingress, that.ingress)
                && Objects.equals(service, that.service)
                && Objects.equals(gpu, that.gpu)
                && Objects.equals(statefulSet, that.statefulSet)
                && Objects.equals(storageClassNames, that.storageClassNames)
                && Objects.equals(storage, that.storage)
                && Objects.equals(topologySpreadConstraints, that.topologySpreadConstraints)
                && Objects.equals(podDisruptionBudget, that.podDisruptionBudget)
                && Objects.equals(restartAllPodsConcurrently, that.restartAllPodsConcurrently)
                && Objects.equals(onDemandReplication, that.onDemandReplication)
                && Objects.equals(startupDelaySeconds, that.startupDelaySeconds)
                && Objects.equals(rebalanceStrategy, that.rebalanceStrategy)
                && Objects.equals(readClusters, that.readClusters)
                && Objects.equals(writeCluster, that.writeCluster)
                && Objects.equals(multiAZ, that.multiAZ);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, version, size, servicePerNode, clusterManager, suspend, pauses, image, resources, security, tolerations, nodeSelector, config, ingress, service, gpu, statefulSet, storageClassNames, storage, topologySpreadConstraints, podDisruptionBudget, restartAllPodsConcurrently, onDemandReplication, startupDelaySeconds, rebalanceStrategy, readClusters, writeCluster, multiAZ, getUnknownFields());
    }
}
