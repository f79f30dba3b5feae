package io.qdranthybrid.crd;

import io.qdranthybrid.crd.schema.SchemaFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Objects;

/** Error reported by the external snapshotter. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VolumeSnapshotError extends WithUnknownFields {

    @JsonPropertyDescription("Error message.")
    private String message;

    @JsonPropertyDescription("When it happened.")
    @SchemaFormat(SchemaFormat.DATE_TIME)
    private String time;

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getTime() {
        return time;
    }

    public void setTime(String time) {
        this.time = time;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof VolumeSnapshotError that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(message, that.message)
                && Objects.equals(time, that.time);
    }

    @Override
    public int hashCode() {
        return Objects.hash(message, time, getUnknownFields());
    }
}
