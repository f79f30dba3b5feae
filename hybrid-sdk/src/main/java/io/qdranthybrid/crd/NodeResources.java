package io.qdranthybrid.crd;

import io.fabric8.generator.annotation.Required;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Objects;

/** Resources of a Kubernetes node. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NodeResources extends WithUnknownFields {

    @JsonPropertyDescription("CPU.")
    @Required
    private String cpu;

    @JsonPropertyDescription("Memory.")
    @Required
    private String memory;

    @JsonPropertyDescription("Pods.")
    @Required
    private String pods;

    @JsonPropertyDescription("Ephemeral storage.")
    @Required
    private String ephemeralStorage;

    public String getCpu() {
        return cpu;
    }

    public void setCpu(String cpu) {
        this.cpu = cpu;
    }

    public String getMemory() {
        return memory;
    }

    public void setMemory(String memory) {
        this.memory = memory;
    }

    public String getPods() {
        return pods;
    }

    public void setPods(String pods) {
        this.pods = pods;
    }

    public String getEphemeralStorage() {
        return ephemeralStorage;
    }

    public void setEphemeralStorage(String ephemeralStorage) {
        this.ephemeralStorage = ephemeralStorage;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof NodeResources that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(cpu, that.cpu)
                && Objects.equals(memory, that.memory)
                && Objects.equals(pods, that.pods)
                && Objects.equals(ephemeralStorage, that.ephemeralStorage);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cpu, memory, pods, ephemeralStorage, getUnknownFields());
    }
}
