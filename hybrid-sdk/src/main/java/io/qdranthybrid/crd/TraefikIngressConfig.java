package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.List;
import java.util.Objects;

/** Settings used with the QdrantCloudTraefik provider. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TraefikIngressConfig extends WithUnknownFields {

    @JsonPropertyDescription("CIDRs allowed to reach the cluster.")
    private List<String> allowedSourceRanges;

    @JsonPropertyDescription("Traefik entry points.")
    private List<String> entryPoints;

    public List<String> getAllowedSourceRanges() {
        return allowedSourceRanges;
    }

    public void setAllowedSourceRanges(List<String> allowedSourceRanges) {
        this.allowedSourceRanges = allowedSourceRanges;
    }

    public List<String> getEntryPoints() {
        return entryPoints;
    }

    public void setEntryPoints(List<String> entryPoints) {
        this.entryPoints = entryPoints;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TraefikIngressConfig that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(allowedSourceRanges, that.allowedSourceRanges)
                && Objects.equals(entryPoints, that.entryPoints);
    }

    @Override
    public int hashCode() {
        return Objects.hash(allowedSourceRanges, entryPoints, getUnknownFields());
    }
}
