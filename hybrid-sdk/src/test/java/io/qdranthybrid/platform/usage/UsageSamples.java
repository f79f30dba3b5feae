package io.qdranthybrid.platform.usage;

import io.qdranthybrid.protocol.message.MetricSample;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.qdranthybrid.protocol.message.UsageMetricNames.*;

/** Builds the samples of one agent scrape, as ClusterUsageReduction would send them. */
final class UsageSamples {

    static final double GI = 1024.0 * 1024 * 1024;

    private final String clusterId;
    private final Instant at;
    private final List<MetricSample> samples = new ArrayList<>();

    UsageSamples(String clusterId, Instant at) {
        this.clusterId = clusterId;
        this.at = at;
    }

    UsageSamples total(String name, double value) {
        samples.add(new MetricSample(clusterId, name, value, Map.of(), at));
        return this;
    }

    UsageSamples node(int ordinal, double memoryUsed, double memoryLimit, double diskUsed, double diskCapacity) {
        Map<String, String> label = Map.of(NODE, Integer.toString(ordinal));
        samples.add(new MetricSample(clusterId, NODE_MEMORY_USED, memoryUsed, label, at));
        samples.add(new MetricSample(clusterId, NODE_MEMORY_LIMIT, memoryLimit, label, at));
        samples.add(new MetricSample(clusterId, NODE_DISK_USED, diskUsed, label, at));
        samples.add(new MetricSample(clusterId, NODE_DISK_CAPACITY, diskCapacity, label, at));
        return this;
    }

    UsageSamples replica(int node, String collection, int shard, int replicasOfShard) {
        samples.add(new MetricSample(clusterId, REPLICA, replicasOfShard, Map.of(NODE, Integer.toString(node),
                COLLECTION, collection, SHARD, Integer.toString(shard), STATE, "Active"), at));
        return this;
    }

    List<MetricSample> samples() {
        return List.copyOf(samples);
    }

    ClusterUsage usage() {
        return ClusterUsage.of(clusterId, at, samples, null);
    }
}
