package io.qdranthybrid.platform.usage;

import io.qdranthybrid.protocol.message.MetricSample;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.qdranthybrid.protocol.message.UsageMetricNames.*;

/**
 * One scrape of one cluster as the agent reported it (the samples named in
 * {@link io.qdranthybrid.protocol.message.UsageMetricNames} sharing one {@code at}), read back into values.
 *
 * @param requestRate responses per second since the previous point, null for the first or after a node restart
 */
public record ClusterUsage(String clusterId, Instant at, double memoryUsedBytes, double memoryLimitBytes,
                           double diskUsedBytes, double diskCapacityBytes, double cpuLimitCores, double requestsTotal,
                           Double requestRate, long collections, long points, int nodesScraped,
                           Map<String, Integer> shardReplicas, List<Node> nodes, List<Replica> replicas,
                           List<String> unreadNodes) {

    /** One node's usage and limits; a limit of 0 is unknown. */
    public record Node(int ordinal, double memoryUsedBytes, double memoryLimitBytes, double diskUsedBytes,
                       double diskCapacityBytes) {
    }

    /** A shard replica on a node, with how many replicas its shard has in all. */
    public record Replica(int node, String collection, int shard, String state, int replicasOfShard) {
    }

    public ClusterUsage {
        shardReplicas = Map.copyOf(shardReplicas);
        nodes = List.copyOf(nodes);
        replicas = List.copyOf(replicas);
        unreadNodes = List.copyOf(unreadNodes);
    }

    /** This point without its per-node and per-replica detail: older points of a series need only the totals. */
    public ClusterUsage totalsOnly() {
        return new ClusterUsage(clusterId, at, memoryUsedBytes, memoryLimitBytes, diskUsedBytes, diskCapacityBytes,
                cpuLimitCores, requestsTotal, requestRate, collections, points, nodesScraped, shardReplicas, List.of(),
                List.of(), unreadNodes);
    }

    /** Memory used as a share of the limit, 0..1; NaN when the limit is unknown. */
    public double memoryUse() {
        return memoryLimitBytes > 0 ? memoryUsedBytes / memoryLimitBytes : Double.NaN;
    }

    /** Disk used as a share of the volumes' capacity, 0..1; NaN when unknown. */
    public double diskUse() {
        return diskCapacityBytes > 0 ? diskUsedBytes / diskCapacityBytes : Double.NaN;
    }

    /** @param samples the samples of one scrape of {@code clusterId} */
    public static ClusterUsage of(String clusterId, Instant at, List<MetricSample> samples, ClusterUsage previous) {
        Map<String, Double> totals = new TreeMap<>();
        Map<String, Integer> states = new TreeMap<>();
        Map<Integer, double[]> nodes = new TreeMap<>();
        List<Replica> replicas = new ArrayList<>();
        List<String> unread = new ArrayList<>();
        for (MetricSample sample : samples) {
            String node = sample.labels().get(NODE);
            switch (sample.name()) {
                case SHARD_REPLICAS -> states.put(sample.labels().getOrDefault(STATE, "?"), (int) sample.value());
                case REPLICA -> replicas.add(new Replica(Integer.parseInt(node), sample.labels().get(COLLECTION),
                        Integer.parseInt(sample.labels().get(SHARD)), sample.labels().get(STATE), (int) sample.value()));
                case NODE_SCRAPE_FAILED -> unread.add("node " + node + ": " + sample.labels().get("reason"));
                case NODE_MEMORY_USED -> nodeSlot(nodes, node)[0] = sample.value();
                case NODE_MEMORY_LIMIT -> nodeSlot(nodes, node)[1] = sample.value();
                case NODE_DISK_USED -> nodeSlot(nodes, node)[2] = sample.value();
                case NODE_DISK_CAPACITY -> nodeSlot(nodes, node)[3] = sample.value();
                default -> {
                    if (sample.labels().isEmpty()) {
                        totals.put(sample.name(), sample.value());
                    }
                }
            }
        }
        double requests = totals.getOrDefault(REQUESTS_TOTAL, 0.0);
        Double rate = null;
        if (previous != null && at.isAfter(previous.at()) && requests >= previous.requestsTotal()) {
            rate = (requests - previous.requestsTotal()) / ((at.toEpochMilli() - previous.at().toEpochMilli()) / 1000.0);
        }
        List<Node> nodeList = new ArrayList<>();
        nodes.forEach((ordinal, v) -> nodeList.add(new Node(ordinal, v[0], v[1], v[2], v[3])));
        return new ClusterUsage(clusterId, at, totals.getOrDefault(MEMORY_USED, 0.0),
                totals.getOrDefault(MEMORY_LIMIT, 0.0), totals.getOrDefault(DISK_USED, 0.0),
                totals.getOrDefault(DISK_CAPACITY, 0.0), totals.getOrDefault(CPU_LIMIT, 0.0), requests, rate,
                totals.getOrDefault(COLLECTIONS, 0.0).longValue(), totals.getOrDefault(POINTS, 0.0).longValue(),
                totals.getOrDefault(NODES_SCRAPED, 0.0).intValue(), states, nodeList, replicas, unread);
    }

    private static double[] nodeSlot(Map<Integer, double[]> nodes, String node) {
        return nodes.computeIfAbsent(Integer.parseInt(node), o -> new double[4]);
    }
}
