package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;

import java.util.Objects;

/** Result of reconciling an entity. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EntityResult extends WithUnknownFields {

    @JsonPropertyDescription("Outcome.")
    private EntityResultCode result;

    @JsonPropertyDescription("Why.")
    private String reason;

    @JsonPropertyDescription("Result payload.")
    @PreserveUnknownFields
    private JsonNode payload;

    public EntityResultCode getResult() {
        return result;
    }

    public void setResult(EntityResultCode result) {
        this.result = result;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
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
        if (!(o instanceof EntityResult that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(result, that.result)
                && Objects.equals(reason, that.reason)
                && Objects.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(result, reason, payload, getUnknownFields());
    }
}
