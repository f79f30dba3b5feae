package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;

import java.util.Objects;

/** Result of reconciling an entity. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EntityResult extends WithUnknownFields {

    @JsonPropertyDescription("Outcome.")
    @JsonProperty("result")
    @SchemaFrom(type = EntityResultCode.class)
    private String result;

    @JsonPropertyDescription("Why.")
    private String reason;

    @JsonPropertyDescription("Result payload.")
    @PreserveUnknownFields
    private JsonNode payload;

    /** The result; null when absent or a value this version does not know (see {@link #rawResult()}). */
    @JsonIgnore
    public EntityResultCode getResult() {
        return WireEnum.fromWire(EntityResultCode.class, result);
    }

    /** The result as written in the manifest, also when this version does not know the value. */
    public String rawResult() {
        return result;
    }

    @JsonIgnore
    public void setResult(EntityResultCode result) {
        this.result = WireEnum.toWire(result);
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
