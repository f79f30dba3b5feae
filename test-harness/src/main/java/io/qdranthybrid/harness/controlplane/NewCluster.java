package io.qdranthybrid.harness.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import io.qdranthybrid.crd.QdrantCluster;

/**
 * A cluster to create: its id (it names the Kubernetes objects, {@code qdrant-<id>}), node count, Qdrant version,
 * per-node resources and optional Qdrant configuration (the QdrantCluster {@code spec.config} object).
 *
 * <pre>{@code
 * NewCluster.of("orders", 3, "v1.12.3").withResources("1", "2Gi", "20Gi")
 * }</pre>
 */
public record NewCluster(String id, int nodes, String version, String cpu, String memory, String storage,
                         JsonNode config) {

    public static final String DEFAULT_CPU = "500m";
    public static final String DEFAULT_MEMORY = "1Gi";
    public static final String DEFAULT_STORAGE = "10Gi";

    /** A cluster with small default resources (500m CPU, 1Gi memory, 10Gi storage per node) and no config. */
    public static NewCluster of(String id, int nodes, String version) {
        return new NewCluster(id, nodes, version, DEFAULT_CPU, DEFAULT_MEMORY, DEFAULT_STORAGE, null);
    }

    public NewCluster withResources(String newCpu, String newMemory, String newStorage) {
        return new NewCluster(id, nodes, version, newCpu, newMemory, newStorage, config);
    }

    public NewCluster withConfig(JsonNode newConfig) {
        return new NewCluster(id, nodes, version, cpu, memory, storage, newConfig);
    }

    /**
     * This request as the QdrantCluster the control plane sends to the agent, for tests that write it to a cluster
     * themselves (no agent in between).
     */
    public QdrantCluster toQdrantCluster(String namespace, String customerId) {
        return ClusterManifests.newCluster(this, namespace, customerId);
    }
}
