package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

import java.util.Objects;

/** A backup of a cluster as CSI VolumeSnapshots of its volumes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class QdrantClusterSnapshotSpec extends WithUnknownFields {

    @JsonPropertyDescription("Id of the cluster to back up, in the same namespace.")
    @Required
    @JsonProperty("cluster-id")
    private String clusterId;

    @JsonPropertyDescription("Unix time at which the backup was requested.")
    @JsonProperty("creation-timestamp")
    private Long creationTimestamp;

    @JsonPropertyDescription("Short id of the schedule that created this snapshot.")
    @Size(max = 8)
    private String scheduleShortId;

    @JsonPropertyDescription("How long to keep the snapshot, in hours (e.g. 72h); kept forever if unset.")
    @Pattern("^[0-9]+h$")
    private String retention;

    @JsonProperty("cluster-id")
    public String getClusterId() {
        return clusterId;
    }

    @JsonProperty("cluster-id")
    public void setClusterId(String clusterId) {
        this.clusterId = clusterId;
    }

    @JsonProperty("creation-timestamp")
    public Long getCreationTimestamp() {
        return creationTimestamp;
    }

    @JsonProperty("creation-timestamp")
    public void setCreationTimestamp(Long creationTimestamp) {
        this.creationTimestamp = creationTimestamp;
    }

    public String getScheduleShortId() {
        return scheduleShortId;
    }

    public void setScheduleShortId(String scheduleShortId) {
        this.scheduleShortId = scheduleShortId;
    }

    public String getRetention() {
        return retention;
    }

    public void setRetention(String retention) {
        this.retention = retention;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof QdrantClusterSnapshotSpec that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(clusterId, that.clusterId)
                && Objects.equals(creationTimestamp, that.creationTimestamp)
                && Objects.equals(scheduleShortId, that.scheduleShortId)
                && Objects.equals(retention, that.retention);
    }

    @Override
    public int hashCode() {
        return Objects.hash(clusterId, creationTimestamp, scheduleShortId, retention, getUnknownFields());
    }
}
