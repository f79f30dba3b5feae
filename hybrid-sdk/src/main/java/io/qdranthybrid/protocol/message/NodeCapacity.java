package io.qdranthybrid.protocol.message;

/** Summed node capacity of the environment, as Kubernetes quantities (e.g. {@code "48"}, {@code "192Gi"}). */
public record NodeCapacity(String cpu, String memory, String ephemeralStorage) {

    public NodeCapacity {
        cpu = Require.orEmpty(cpu);
        memory = Require.orEmpty(memory);
        ephemeralStorage = Require.orEmpty(ephemeralStorage);
    }
}
