package io.qdranthybrid.crd;

import io.qdranthybrid.crd.schema.SchemaFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SelectableField;

import java.util.Objects;

/** A generic object synchronised from the control plane. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class QdrantEntitySpec extends WithUnknownFields {

    @JsonPropertyDescription("Id of the entity (a UUID).")
    private String id;

    @JsonPropertyDescription("Type of the entity.")
    @SelectableField
    private String entityType;

    @JsonPropertyDescription("Cluster the entity belongs to, if any.")
    private String clusterId;

    @JsonPropertyDescription("Creation time.")
    @SchemaFormat(SchemaFormat.DATE_TIME)
    private String createdAt;

    @JsonPropertyDescription("Last update time.")
    @SchemaFormat(SchemaFormat.DATE_TIME)
    private String lastUpdatedAt;

    @JsonPropertyDescription("Deletion time.")
    @SchemaFormat(SchemaFormat.DATE_TIME)
    private String deletedAt;

    @JsonPropertyDescription("Arbitrary payload.")
    @PreserveUnknownFields
    private JsonNode payload;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getEntityType() {
        return entityType;
    }

    public void setEntityType(String entityType) {
        this.entityType = entityType;
    }

    public String getClusterId() {
        return clusterId;
    }

    public void setClusterId(String clusterId) {
        this.clusterId = clusterId;
    }

    public String getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(String createdAt) {
        this.createdAt = createdAt;
    }

    public String getLastUpdatedAt() {
        return lastUpdatedAt;
    }

    public void setLastUpdatedAt(String lastUpdatedAt) {
        this.lastUpdatedAt = lastUpdatedAt;
    }

    public String getDeletedAt() {
        return deletedAt;
    }

    public void setDeletedAt(String deletedAt) {
        this.deletedAt = deletedAt;
    }

    public JsonNode getPayload() {
        return payload;
    }

    public void setPayload(JsonNode payload) {
        this.payload = payload;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof QdrantEntitySpec that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(id, that.id)
                && Objects.equals(entityType, that.entityType)
                && Objects.equals(clusterId, that.clusterId)
                && Objects.equals(createdAt, that.createdAt)
                && Objects.equals(lastUpdatedAt, that.lastUpdatedAt)
                && Objects.equals(deletedAt, that.deletedAt)
                && Objects.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, entityType, clusterId, createdAt, lastUpdatedAt, deletedAt, payload, getUnknownFields());
    }
}
