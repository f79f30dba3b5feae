package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;

import java.util.Objects;

/** Per-node resources: cpu and memory are limits, storage is the database volume size. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Resources extends WithUnknownFields {

    @JsonPropertyDescription("CPU limit per node, a Kubernetes quantity such as 500m or 2.")
    private String cpu;

    @JsonPropertyDescription("Memory limit per node, a Kubernetes quantity such as 8Gi.")
    private String memory;

    @JsonPropertyDescription("Size of each node's database volume; it can grow but never shrink.")
    private String storage;

    @JsonPropertyDescription("Requests; default to the limits.")
    private ResourceRequests requests;

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

    public String getStorage() {
        return storage;
    }

    public void setStorage(String storage) {
        this.storage = storage;
    }

    public ResourceRequests getRequests() {
        return requests;
    }

    public void setRequests(ResourceRequests requests) {
        this.requests = requests;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Resources that)) {
            return false;
        }
        return unknownFieldsEqual(that)
                && Objects.equals(cpu, that.cpu)
                && Objects.equals(memory, that.memory)
                && Objects.equals(storage, that.storage)
                && Objects.equals(requests, that.requests);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cpu, memory, storage, requests, getUnknownFields());
    }
}
