package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Objects;

/** Resource requests of a Qdrant node; empty values fall back to the limits. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ResourceRequests extends WithUnknownFields {

    @JsonPropertyDescription("CPU request, a Kubernetes quantity.")
    private String cpu;

    @JsonPropertyDescription("Memory request, a Kubernetes quantity.")
    private String memory;

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

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ResourceRequests that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(cpu, that.cpu)
                && Objects.equals(memory, that.memory);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cpu, memory, getUnknownFields());
    }
}
