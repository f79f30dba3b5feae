package io.qdranthybrid.crd;

import io.qdranthybrid.crd.schema.SchemaFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.PodCondition;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Status of one Qdrant node (pod). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NodeStatus extends WithUnknownFields {

    @JsonPropertyDescription("Pod name.")
    private String name;

    @JsonPropertyDescription("When the node started (RFC 3339).")
    @JsonProperty("started_at")
    private String startedAt;

    @JsonPropertyDescription("Pod condition types to their status.")
    private Map<String, String> state;

    @JsonPropertyDescription("Qdrant version the node runs.")
    private String version;

    @JsonPropertyDescription("The node answered its liveness request.")
    private Boolean liveness;

    @JsonPropertyDescription("Availability zone of the node.")
    private String zone;

    @JsonPropertyDescription("Pod phase.")
    private String podPhase;

    @JsonPropertyDescription("Pod conditions.")
    private List<PodCondition> podConditions;

    @JsonPropertyDescription("Pod status message.")
    private String podMessage;

    @JsonPropertyDescription("Pod status reason.")
    private String podReason;

    @JsonPropertyDescription("Container statuses.")
    private List<ContainerStatus> containerStatuses;

    @JsonPropertyDescription("Events of the last 30 minutes.")
    private List<KubernetesEventInfo> events;

    @JsonPropertyDescription("Container restarts.")
    @SchemaFormat(SchemaFormat.INT32)
    private Integer restartCount;

    @JsonPropertyDescription("Database volume status.")
    private NodePvcStatus databasePVCStatus;

    @JsonPropertyDescription("Snapshots volume status.")
    private NodePvcStatus snapshotsPVCStatus;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    @JsonProperty("started_at")
    public String getStartedAt() {
        return startedAt;
    }

    @JsonProperty("started_at")
    public void setStartedAt(String startedAt) {
        this.startedAt = startedAt;
    }

    public Map<String, String> getState() {
        return state;
    }

    public void setState(Map<String, String> state) {
        this.state = state;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public Boolean getLiveness() {
        return liveness;
    }

    public void setLiveness(Boolean liveness) {
        this.liveness = liveness;
    }

    public String getZone() {
        return zone;
    }

    public void setZone(String zone) {
        this.zone = zone;
    }

    public String getPodPhase() {
        return podPhase;
    }

    public void setPodPhase(String podPhase) {
        this.podPhase = podPhase;
    }

    public List<PodCondition> getPodConditions() {
        return podConditions;
    }

    public void setPodConditions(List<PodCondition> podConditions) {
        this.podConditions = podConditions;
    }

    public String getPodMessage() {
        return podMessage;
    }

    public void setPodMessage(String podMessage) {
        this.podMessage = podMessage;
    }

    public String getPodReason() {
        return podReason;
    }

    public void setPodReason(String podReason) {
        this.podReason = podReason;
    }

    public List<ContainerStatus> getContainerStatuses() {
        return containerStatuses;
    }

    public void setContainerStatuses(List<ContainerStatus> containerStatuses) {
        this.containerStatuses = containerStatuses;
    }

    public List<KubernetesEventInfo> getEvents() {
        return events;
    }

    public void setEvents(List<KubernetesEventInfo> events) {
        this.events = events;
    }

    public Integer getRestartCount() {
        return restartCount;
    }

    public void setRestartCount(Integer restartCount) {
        this.restartCount = restartCount;
    }

    public NodePvcStatus getDatabasePVCStatus() {
        return databasePVCStatus;
    }

    public void setDatabasePVCStatus(NodePvcStatus databasePVCStatus) {
        this.databasePVCStatus = databasePVCStatus;
    }

    public NodePvcStatus getSnapshotsPVCStatus() {
        return snapshotsPVCStatus;
    }

    public void setSnapshotsPVCStatus(NodePvcStatus snapshotsPVCStatus) {
        this.snapshotsPVCStatus = snapshotsPVCStatus;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof NodeStatus that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(name, that.name)
                && Objects.equals(startedAt, that.startedAt)
                && Objects.equals(state, that.state)
                && Objects.equals(version, that.version)
                && Objects.equals(liveness, that.liveness)
                && Objects.equals(zone, that.zone)
                && Objects.equals(podPhase, that.podPhase)
                && Objects.equals(podConditions, that.podConditions)
                && Objects.equals(podMessage, that.podMessage)
                && Objects.equals(podReason, that.podReason)
                && Objects.equals(containerStatuses, that.containerStatuses)
                && Objects.equals(events, that.events)
                && Objects.equals(restartCount, that.restartCount)
                && Objects.equals(databasePVCStatus, that.databasePVCStatus)
                && Objects.equals(snapshotsPVCStatus, that.snapshotsPVCStatus);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, startedAt, state, version, liveness, zone, podPhase, podConditions, podMessage, podReason, containerStatuses, events, restartCount, databasePVCStatus, snapshotsPVCStatus, getUnknownFields());
    }
}
