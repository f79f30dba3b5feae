package io.qdranthybrid.crd.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.qdranthybrid.crd.WithUnknownFields;

import java.util.List;
import java.util.Objects;

/** Observed state of a QdrantClusterRouting. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@PreserveUnknownFields
public class QdrantClusterRoutingStatus extends WithUnknownFields {

    @JsonPropertyDescription("Per-route bootstrap state.")
    private List<RouteBootstrapInfo> bootstrapInfos;

    @JsonPropertyDescription("Whether every route is bootstrapped.")
    private Boolean bootstrapped;

    public List<RouteBootstrapInfo> getBootstrapInfos() {
        return bootstrapInfos;
    }

    public void setBootstrapInfos(List<RouteBootstrapInfo> bootstrapInfos) {
        this.bootstrapInfos = bootstrapInfos;
    }

    public Boolean getBootstrapped() {
        return bootstrapped;
    }

    public void setBootstrapped(Boolean bootstrapped) {
        this.bootstrapped = bootstrapped;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof QdrantClusterRoutingStatus that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(bootstrapInfos, that.bootstrapInfos)
                && Objects.equals(bootstrapped, that.bootstrapped);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bootstrapInfos, bootstrapped, getUnknownFields());
    }
}
