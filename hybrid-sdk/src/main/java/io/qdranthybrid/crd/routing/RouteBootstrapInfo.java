package io.qdranthybrid.crd.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.qdranthybrid.crd.WithUnknownFields;

import java.util.Objects;

/** Bootstrap state of one route. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RouteBootstrapInfo extends WithUnknownFields {

    @JsonPropertyDescription("Whether the route is bootstrapped.")
    private Boolean bootstrapped;

    @JsonPropertyDescription("Dedicated proxy.")
    private Boolean dedicated;

    @JsonPropertyDescription("Id of the route.")
    private String routeId;

    @JsonPropertyDescription("Shared proxy.")
    private Boolean shared;

    public Boolean getBootstrapped() {
        return bootstrapped;
    }

    public void setBootstrapped(Boolean bootstrapped) {
        this.bootstrapped = bootstrapped;
    }

    public Boolean getDedicated() {
        return dedicated;
    }

    public void setDedicated(Boolean dedicated) {
        this.dedicated = dedicated;
    }

    public String getRouteId() {
        return routeId;
    }

    public void setRouteId(String routeId) {
        this.routeId = routeId;
    }

    public Boolean getShared() {
        return shared;
    }

    public void setShared(Boolean shared) {
        this.shared = shared;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RouteBootstrapInfo that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(bootstrapped, that.bootstrapped)
                && Objects.equals(dedicated, that.dedicated)
                && Objects.equals(routeId, that.routeId)
                && Objects.equals(shared, that.shared);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bootstrapped, dedicated, routeId, shared, getUnknownFields());
    }
}
