package io.qdranthybrid.crd.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.qdranthybrid.crd.WithUnknownFields;

import java.util.Objects;

/** The Service in front of the Envoy proxies. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LoadBalancerServiceReference extends WithUnknownFields {

    @JsonPropertyDescription("Name of the Service.")
    @Required
    private String name;

    @JsonPropertyDescription("Namespace of the Service.")
    private String namespace;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LoadBalancerServiceReference that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(name, that.name)
                && Objects.equals(namespace, that.namespace);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, namespace, getUnknownFields());
    }
}
