package io.qdranthybrid.agent.metrics;

import java.util.List;
import java.util.Objects;

/**
 * What the agent read about one Qdrant node in one scrape: its {@code /metrics} samples, the limits Kubernetes gives
 * it, and the shard replicas it holds.
 *
 * @param ordinal            the pod ordinal
 * @param samples            the node's {@code /metrics}, empty when the scrape failed
 * @param failure            why the node could not be read, null when it was
 * @param memoryLimitBytes   the container's memory limit, 0 when unknown
 * @param diskCapacityBytes  the database volume's size (its PVC's capacity), 0 when unknown
 * @param cpuLimitCores      the container's CPU limit, 0 when unknown
 * @param replicas           shard replicas held by this node
 */
public record NodeReading(int ordinal, List<PrometheusText.Sample> samples, String failure, double memoryLimitBytes,
                          double diskCapacityBytes, double cpuLimitCores, List<LocalReplica> replicas) {

    /** One shard replica on this node, and how many replicas its shard has across the cluster. */
    public record LocalReplica(String collection, int shard, String state, int replicasOfShard) {
        public LocalReplica {
            Objects.requireNonNull(collection, "collection");
            Objects.requireNonNull(state, "state");
        }
    }

    public NodeReading {
        samples = List.copyOf(samples);
        replicas = List.copyOf(replicas);
    }

    public boolean scraped() {
        return failure == null;
    }
}
