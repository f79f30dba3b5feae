package io.qdranthybrid.crd;

import io.fabric8.generator.annotation.Default;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Objects;

/** Inference settings (managed cloud only). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class InferenceConfig extends WithUnknownFields {

    @JsonPropertyDescription("Enable inference.")
    @Default("false")
    private Boolean enabled;

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof InferenceConfig that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(enabled, that.enabled);
    }

    @Override
    public int hashCode() {
        return Objects.hash(enabled, getUnknownFields());
    }
}
