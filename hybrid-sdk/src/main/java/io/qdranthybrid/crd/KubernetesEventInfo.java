package io.qdranthybrid.crd;

import io.qdranthybrid.crd.schema.SchemaFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Objects;

/** A Kubernetes event summarised in a status. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KubernetesEventInfo extends WithUnknownFields {

    @JsonPropertyDescription("Event message.")
    private String message;

    @JsonPropertyDescription("Event reason.")
    private String reason;

    @JsonPropertyDescription("How many times it happened.")
    @SchemaFormat(SchemaFormat.INT32)
    private Integer count;

    @JsonPropertyDescription("First occurrence.")
    @SchemaFormat(SchemaFormat.DATE_TIME)
    private String firstTimestamp;

    @JsonPropertyDescription("Last occurrence.")
    @SchemaFormat(SchemaFormat.DATE_TIME)
    private String lastTimestamp;

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public Integer getCount() {
        return count;
    }

    public void setCount(Integer count) {
        this.count = count;
    }

    public String getFirstTimestamp() {
        return firstTimestamp;
    }

    public void setFirstTimestamp(String firstTimestamp) {
        this.firstTimestamp = firstTimestamp;
    }

    public String getLastTimestamp() {
        return lastTimestamp;
    }

    public void setLastTimestamp(String lastTimestamp) {
        this.lastTimestamp = lastTimestamp;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof KubernetesEventInfo that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(message, that.message)
                && Objects.equals(reason, that.reason)
                && Objects.equals(count, that.count)
                && Objects.equals(firstTimestamp, that.firstTimestamp)
                && Objects.equals(lastTimestamp, that.lastTimestamp);
    }

    @Override
    public int hashCode() {
        return Objects.hash(message, reason, count, firstTimestamp, lastTimestamp, getUnknownFields());
    }
}
