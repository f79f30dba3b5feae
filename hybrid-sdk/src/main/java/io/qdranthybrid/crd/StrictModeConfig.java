package io.qdranthybrid.crd;

import io.qdranthybrid.crd.schema.SchemaFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;

import java.util.Objects;

/** Strict-mode defaults for new collections (Qdrant 1.16 and later). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StrictModeConfig extends WithUnknownFields {

    @JsonPropertyDescription("Maximum number of payload indexes; 100 when omitted.")
    @Min(1)
    @JsonProperty("max_payload_index_count")
    @SchemaFormat(SchemaFormat.NONE)
    private Long maxPayloadIndexCount;

    @JsonProperty("max_payload_index_count")
    public Long getMaxPayloadIndexCount() {
        return maxPayloadIndexCount;
    }

    @JsonProperty("max_payload_index_count")
    public void setMaxPayloadIndexCount(Long maxPayloadIndexCount) {
        this.maxPayloadIndexCount = maxPayloadIndexCount;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof StrictModeConfig that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(maxPayloadIndexCount, that.maxPayloadIndexCount);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxPayloadIndexCount, getUnknownFields());
    }
}
