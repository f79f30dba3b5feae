package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Objects;

/** Defaults for vectors of new collections. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VectorsConfig extends WithUnknownFields {

    @JsonPropertyDescription("Store vectors on disk by default.")
    @JsonProperty("on_disk")
    private Boolean onDisk;

    @JsonProperty("on_disk")
    public Boolean getOnDisk() {
        return onDisk;
    }

    @JsonProperty("on_disk")
    public void setOnDisk(Boolean onDisk) {
        this.onDisk = onDisk;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof VectorsConfig that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(onDisk, that.onDisk);
    }

    @Override
    public int hashCode() {
        return Objects.hash(onDisk, getUnknownFields());
    }
}
