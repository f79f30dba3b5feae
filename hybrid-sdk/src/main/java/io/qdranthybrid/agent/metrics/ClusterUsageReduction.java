package io.qdranthybrid.agent.metrics;

import io.qdranthybrid.protocol.message.MetricSample;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.qdranthybrid.protocol.message.UsageMetricNames.*;

/**
 * Reduces one scrape of a cluster's nodes to the compact set the agent reports ({@link
 * io.qdranthybrid.protocol.message.UsageMetricNames}): per node memory and disk with their limits and the replicas it
 * holds; per cluster the sums, requests, collections, points and replica states. Pure.
 */
public final class ClusterUsageReduction {

    /** jemalloc's resident memory of the Qdrant process (src/common/metrics.rs, MemoryTelemetry). */
    static final String QDRANT_MEMORY = "memory_resident_bytes";
    /** The kubelet's volume stats (pkg/kubelet/metrics/collectors/volume_stats.go), per PVC. */
    static final String VOLUME_USED = "kubelet_volume_stats_used_bytes";
    static final String REST_RESPONSES = "rest_responses_total";
    static final String GRPC_RESPONSES = "grpc_responses_total";
    static final String COLLECTIONS_TOTAL = "collections_total";
    static final String VECTORS_TOTAL = "collections_vector_total";

    private ClusterUsageReduction() {
    }

    public static List<MetricSample> reduce(String clusterId, List<NodeReading> nodes, Instant at) {
        List<MetricSample> out = new ArrayList<>();
        double memoryUsed = 0;
        double memoryLimit = 0;
        double diskUsed = 0;
        double diskCapacity = 0;
        double cpuLimit = 0;
        double requests = 0;
        double collections = 0;
        double points = 0;
        int scraped = 0;
        Map<String, Integer> replicaStates = new TreeMap<>();
        for (NodeReading node : nodes) {
            Map<String, String> nodeLabel = Map.of(NODE, Integer.toString(node.ordinal()));
            memoryLimit += node.memoryLimitBytes();
            diskCapacity += node.diskCapacityBytes();
            cpuLimit += node.cpuLimitCores();
            add(out, clusterId, NODE_MEMORY_LIMIT, node.memoryLimitBytes(), nodeLabel, at);
            add(out, clusterId, NODE_DISK_CAPACITY, node.diskCapacityBytes(), nodeLabel, at);
            add(out, clusterId, NODE_CPU_LIMIT, node.cpuLimitCores(), nodeLabel, at);
            for (NodeReading.LocalReplica replica : node.replicas()) {
                replicaStates.merge(replica.state(), 1, Integer::sum);
                out.add(new MetricSample(clusterId, REPLICA, replica.replicasOfShard(), Map.of(NODE,
                        Integer.toString(node.ordinal()), COLLECTION, replica.collection(),
                        SHARD, Integer.toString(replica.shard()), STATE, replica.state()), at));
            }
            if (!node.scraped()) {
                out.add(new MetricSample(clusterId, NODE_SCRAPE_FAILED, 1,
                        Map.of(NODE, Integer.toString(node.ordinal()), "reason", node.failure()), at));
                continue;
            }
            scraped++;
            double nodeMemory = sum(node, QDRANT_MEMORY);
            double nodeDisk = sum(node, VOLUME_USED);
            memoryUsed += nodeMemory;
            diskUsed += nodeDisk;
            requests += sum(node, REST_RESPONSES) + sum(node, GRPC_RESPONSES);
            // Every node of a cluster knows all collections; vectors are counted as the node reports them, so the
            // largest report is the best single figure without double-counting replicas.
            collections = Math.max(collections, sum(node, COLLECTIONS_TOTAL));
            points = Math.max(points, sum(node, VECTORS_TOTAL));
            add(out, clusterId, NODE_MEMORY_USED, nodeMemory, nodeLabel, at);
            add(out, clusterId, NODE_DISK_USED, nodeDisk, nodeLabel, at);
        }
        add(out, clusterId, NODES_SCRAPED, scraped, Map.of(), at);
        add(out, clusterId, MEMORY_USED, memoryUsed, Map.of(), at);
        add(out, clusterId, MEMORY_LIMIT, memoryLimit, Map.of(), at);
        add(out, clusterId, DISK_USED, diskUsed, Map.of(), at);
        add(out, clusterId, DISK_CAPACITY, diskCapacity, Map.of(), at);
        add(out, clusterId, DISK_FREE, Math.max(0, diskCapacity - diskUsed), Map.of(), at);
        add(out, clusterId, CPU_LIMIT, cpuLimit, Map.of(), at);
        add(out, clusterId, REQUESTS_TOTAL, requests, Map.of(), at);
        add(out, clusterId, COLLECTIONS, collections, Map.of(), at);
        add(out, clusterId, POINTS, points, Map.of(), at);
        replicaStates.forEach((state, count) -> add(out, clusterId, SHARD_REPLICAS, count, Map.of(STATE, state), at));
        return out;
    }

    private static double sum(NodeReading node, String name) {
        return node.samples().stream().filter(s -> s.name().equals(name) && Double.isFinite(s.value()))
                .mapToDouble(PrometheusText.Sample::value).sum();
    }

    private static void add(List<MetricSample> out, String clusterId, String name, double value,
                            Map<String, String> labels, Instant at) {
        out.add(new MetricSample(clusterId, name, value, labels, at));
    }
}
