package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.ModifyVolumeStatus;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimCondition;
import io.fabric8.kubernetes.api.model.Quantity;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Status of one volume of a node. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NodePvcStatus extends WithUnknownFields {

    @JsonPropertyDescription("StorageClass of the volume.")
    private String storageClassName;

    @JsonPropertyDescription("PVC phase.")
    private String phase;

    @JsonPropertyDescription("PVC conditions.")
    private List<PersistentVolumeClaimCondition> conditions;

    @JsonPropertyDescription("Recent events of the PVC.")
    private List<KubernetesEventInfo> events;

    @JsonPropertyDescription("Actual capacity.")
    private Map<String, Quantity> capacity;

    @JsonPropertyDescription("VolumeAttributesClass in effect.")
    private String currentVolumeAttributesClassName;

    @JsonPropertyDescription("Progress of a volume attributes change.")
    private ModifyVolumeStatus modifyVolumeStatus;

    public String getStorageClassName() {
        return storageClassName;
    }

    public void setStorageClassName(String storageClassName) {
        this.storageClassName = storageClassName;
    }

    public String getPhase() {
        return phase;
    }

    public void setPhase(String phase) {
        this.phase = phase;
    }

    public List<PersistentVolumeClaimCondition> getConditions() {
        return conditions;
    }

    public void setConditions(List<PersistentVolumeClaimCondition> conditions) {
        this.conditions = conditions;
    }

    public List<KubernetesEventInfo> getEvents() {
        return events;
    }

    public void setEvents(List<KubernetesEventInfo> events) {
        this.events = events;
    }

    public Map<String, Quantity> getCapacity() {
        return capacity;
    }

    public void setCapacity(Map<String, Quantity> capacity) {
        this.capacity = capacity;
    }

    public String getCurrentVolumeAttributesClassName() {
        return currentVolumeAttributesClassName;
    }

    public void setCurrentVolumeAttributesClassName(String currentVolumeAttributesClassName) {
        this.currentVolumeAttributesClassName = currentVolumeAttributesClassName;
    }

    public ModifyVolumeStatus getModifyVolumeStatus() {
        return modifyVolumeStatus;
    }

    public void setModifyVolumeStatus(ModifyVolumeStatus modifyVolumeStatus) {
        this.modifyVolumeStatus = modifyVolumeStatus;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof NodePvcStatus that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(storageClassName, that.storageClassName)
                && Objects.equals(phase, that.phase)
                && Objects.equals(conditions, that.conditions)
                && Objects.equals(events, that.events)
                && Objects.equals(capacity, that.capacity)
                && Objects.equals(currentVolumeAttributesClassName, that.currentVolumeAttributesClassName)
                && Objects.equals(modifyVolumeStatus, that.modifyVolumeStatus);
    }

    @Override
    public int hashCode() {
        return Objects.hash(storageClassName, phase, conditions, events, capacity, currentVolumeAttributesClassName, modifyVolumeStatus, getUnknownFields());
    }
}
