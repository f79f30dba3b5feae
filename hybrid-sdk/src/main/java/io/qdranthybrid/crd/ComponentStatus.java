package io.qdranthybrid.crd;

import io.fabric8.generator.annotation.Required;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Objects;

/** Status of one component of a region. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ComponentStatus extends WithUnknownFields {

    @JsonPropertyDescription("Name.")
    @Required
    private String name;

    @JsonPropertyDescription("Namespace.")
    private String namespace;

    @JsonPropertyDescription("Version.")
    private String version;

    @JsonPropertyDescription("Phase.")
    @JsonProperty("phase")
    private String phase;

    @JsonPropertyDescription("Message from the component's conditions.")
    private String message;

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

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    /** The phase; null when absent or a value this version does not know (see {@link #rawPhase()}). */
    @JsonIgnore
    public ComponentPhase getPhase() {
        return WireEnum.fromWire(ComponentPhase.class, phase);
    }

    /** The phase as written in the manifest, also when this version does not know the value. */
    public String rawPhase() {
        return phase;
    }

    @JsonIgnore
    public void setPhase(ComponentPhase phase) {
        this.phase = WireEnum.toWire(phase);
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ComponentStatus that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(name, that.name)
                && Objects.equals(namespace, that.namespace)
                && Objects.equals(version, that.version)
                && Objects.equals(phase, that.phase)
                && Objects.equals(message, that.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, namespace, version, phase, message, getUnknownFields());
    }
}
