package io.qdranthybrid.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.qdranthybrid.protocol.message.MetricSample;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The per-cluster metric samples read from a QdrantCluster object: desired, current and ready nodes, and phase. */
public final class ClusterMetrics {

    public static final String NODES_DESIRED = "qdrant_cluster_nodes_desired";
    public static final String NODES = "qdrant_cluster_nodes";
    public static final String NODES_READY = "qdrant_cluster_nodes_ready";
    /** 1 for the current phase, as the {@code phase} label; the control plane reads the label. */
    public static final String PHASE = "qdrant_cluster_phase";

    private ClusterMetrics() {
    }

    /** @param cluster a QdrantCluster as JSON (metadata, spec, status) */
    public static List<MetricSample> of(JsonNode cluster, Instant at) {
        String clusterId = cluster.path("spec").path("id").asText("");
        if (clusterId.isEmpty()) {
            clusterId = cluster.path("metadata").path("name").asText("");
        }
        if (clusterId.isEmpty()) {
            return List.of();
        }
        JsonNode spec = cluster.path("spec");
        JsonNode status = cluster.path("status");
        List<MetricSample> samples = new ArrayList<>();
        if (spec.path("size").isNumber()) {
            samples.add(new MetricSample(clusterId, NODES_DESIRED, spec.path("size").asDouble(), Map.of(), at));
        }
        if (status.path("currentNodes").isNumber()) {
            samples.add(new MetricSample(clusterId, NODES, status.path("currentNodes").asDouble(), Map.of(), at));
        } else if (status.path("nodes").isObject()) {
            samples.add(new MetricSample(clusterId, NODES, status.path("nodes").size(), Map.of(), at));
        }
        if (status.path("availableNodes").isNumber()) {
            samples.add(new MetricSample(clusterId, NODES_READY, status.path("availableNodes").asDouble(), Map.of(), at));
        }
        String phase = status.path("phase").asText("");
        if (!phase.isEmpty()) {
            samples.add(new MetricSample(clusterId, PHASE, 1, Map.of("phase", phase), at));
        }
        return samples;
    }
}
