package io.qdranthybrid.crd;

import io.qdranthybrid.crd.schema.NotInSchema;
import io.qdranthybrid.crd.schema.SchemaFormat;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Observed state of a Qdrant cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@PreserveUnknownFields
public class QdrantClusterStatus extends WithUnknownFields {

    @JsonPropertyDescription("Lifecycle phase.")
    @JsonProperty("phase")
    private String phase;

    @JsonPropertyDescription("Why the cluster is in this phase.")
    private String reason;

    @JsonPropertyDescription("Number of available nodes.")
    private Integer availableNodes;

    @JsonPropertyDescription("Pod indexes in use; allocated monotonically, never re-compacted.")
    private List<Integer> availableNodeIndexes;

    @JsonPropertyDescription("Indexes of nodes being drained and removed; irreversible once started.")
    private List<Integer> deleteInProgressNodeIndexes;

    @JsonPropertyDescription("If set, the operator scales down one peer and resets it.")
    private Boolean scaleDownAllowed;

    @JsonPropertyDescription("Index to remove on the next allowed scale-down.")
    @JsonProperty("ScaleDownNodeIndex")
    private Integer scaleDownNodeIndex;

    @JsonPropertyDescription("Conditions, e.g. AcceptingConnection, RecoveryMode, Valid.")
    private List<Condition> conditions;

    @JsonPropertyDescription("Per-pod status, keyed by pod name.")
    private Map<String, NodeStatus> nodes;

    @JsonPropertyDescription("When the cluster-manager is called next.")
    @SchemaFormat(SchemaFormat.DATE_TIME)
    private String nextClusterManagerInvocation;

    @JsonPropertyDescription("Version in use or being rolled to; may differ from spec during an ordered upgrade.")
    private String version;

    @JsonPropertyDescription("Last cluster-manager response.")
    private ClusterManagerResponse clusterManagerResponse;

    @JsonPropertyDescription("Current number of nodes (scale subresource).")
    @StatusReplicas
    private Integer currentNodes;

    @JsonPropertyDescription("Pod label selector (scale subresource).")
    @LabelSelector
    private String selector;

    @JsonPropertyDescription("Generation of the spec this status describes.")
    @NotInSchema("the real status lacks it; kept because status preserves unknown fields")
    private Long observedGeneration;

    /** The phase; null when absent or a value this version does not know (see {@link #rawPhase()}). */
    @JsonIgnore
    public ClusterPhase getPhase() {
        return WireEnum.fromWire(ClusterPhase.class, phase);
    }

    /** The phase as written in the manifest, also when this version does not know the value. */
    public String rawPhase() {
        return phase;
    }

    @JsonIgnore
    public void setPhase(ClusterPhase phase) {
        this.phase = WireEnum.toWire(phase);
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public Integer getAvailableNodes() {
        return availableNodes;
    }

    public void setAvailableNodes(Integer availableNodes) {
        this.availableNodes = availableNodes;
    }

    public List<Integer> getAvailableNodeIndexes() {
        return availableNodeIndexes;
    }

    public void setAvailableNodeIndexes(List<Integer> availableNodeIndexes) {
        this.availableNodeIndexes = availableNodeIndexes;
    }

    public List<Integer> getDeleteInProgressNodeIndexes() {
        return deleteInProgressNodeIndexes;
    }

    public void setDeleteInProgressNodeIndexes(List<Integer> deleteInProgressNodeIndexes) {
        this.deleteInProgressNodeIndexes = deleteInProgressNodeIndexes;
    }

    public Boolean getScaleDownAllowed() {
        return scaleDownAllowed;
    }

    public void setScaleDownAllowed(Boolean scaleDownAllowed) {
        this.scaleDownAllowed = scaleDownAllowed;
    }

    @JsonProperty("ScaleDownNodeIndex")
    public Integer getScaleDownNodeIndex() {
        return scaleDownNodeIndex;
    }

    @JsonProperty("ScaleDownNodeIndex")
    public void setScaleDownNodeIndex(Integer scaleDownNodeIndex) {
        this.scaleDownNodeIndex = scaleDownNodeIndex;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public Map<String, NodeStatus> getNodes() {
        return nodes;
    }

    public void setNodes(Map<String, NodeStatus> nodes) {
        this.nodes = nodes;
    }

    public String getNextClusterManagerInvocation() {
        return nextClusterManagerInvocation;
    }

    public void setNextClusterManagerInvocation(String nextClusterManagerInvocation) {
        this.nextClusterManagerInvocation = nextClusterManagerInvocation;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public ClusterManagerResponse getClusterManagerResponse() {
        return clusterManagerResponse;
    }

    public void setClusterManagerResponse(ClusterManagerResponse clusterManagerResponse) {
        this.clusterManagerResponse = clusterManagerResponse;
    }

    public Integer getCurrentNodes() {
        return currentNodes;
    }

    public void setCurrentNodes(Integer currentNodes) {
        this.currentNodes = currentNodes;
    }

    public String getSelector() {
        return selector;
    }

    public void setSelector(String selector) {
        this.selector = selector;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof QdrantClusterStatus that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(phase, that.phase)
                && Objects.equals(reason, that.reason)
                && Objects.equals(availableNodes, that.availableNodes)
                && Objects.equals(availableNodeIndexes, that.availableNodeIndexes)
                && Objects.equals(deleteInProgressNodeIndexes, that.deleteInProgressNodeIndexes)
                && Objects.equals(scaleDownAllowed, that.scaleDownAllowed)
                && Objects.equals(scaleDownNodeIndex, that.scaleDownNodeIndex)
                && Objects.equals(conditions, that.conditions)
                && Objects.equals(nodes, that.nodes)
                && Objects.equals(nextClusterManagerInvocation, that.nextClusterManagerInvocation)
                && Objects.equals(version, that.version)
                && Objects.equals(clusterManagerResponse, that.clusterManagerResponse)
                && Objects.equals(currentNodes, that.currentNodes)
                && Objects.equals(selector, that.selector)
                && Objects.equals(observedGeneration, that.observedGeneration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(phase, reason, availableNodes, availableNodeIndexes, deleteInProgressNodeIndexes, scaleDownAllowed, scaleDownNodeIndex, conditions, nodes, nextClusterManagerInvocation, version, clusterManagerResponse, currentNodes, selector, observedGeneration, getUnknownFields());
    }
}
