package io.qdranthybrid.protocol.message;

/**
 * Names of the compact per-cluster usage metrics an agent reduces its Qdrant nodes' {@code /metrics} to and reports
 * as {@link MetricSample}s; the control plane reads them back by the same names. All samples of one scrape share
 * their {@code at}. Node-level samples carry the pod ordinal as label {@value #NODE}.
 */
public final class UsageMetricNames {

    /** Every usage metric's name starts with this. */
    public static final String PREFIX = "qdrant_usage_";
    /** Label: the node's pod ordinal, {@code "0"}, {@code "1"}... */
    public static final String NODE = "node";
    public static final String COLLECTION = "collection";
    public static final String SHARD = "shard";
    public static final String STATE = "state";

    /** Nodes whose {@code /metrics} answered in this scrape, and those that did not (label {@code reason}). */
    public static final String NODES_SCRAPED = "qdrant_usage_nodes_scraped";
    public static final String NODE_SCRAPE_FAILED = "qdrant_usage_node_scrape_failed";

    public static final String NODE_MEMORY_USED = "qdrant_usage_node_memory_used_bytes";
    public static final String NODE_MEMORY_LIMIT = "qdrant_usage_node_memory_limit_bytes";
    public static final String NODE_DISK_USED = "qdrant_usage_node_disk_used_bytes";
    public static final String NODE_DISK_CAPACITY = "qdrant_usage_node_disk_capacity_bytes";
    public static final String NODE_CPU_LIMIT = "qdrant_usage_node_cpu_limit_cores";

    public static final String MEMORY_USED = "qdrant_usage_memory_used_bytes";
    public static final String MEMORY_LIMIT = "qdrant_usage_memory_limit_bytes";
    public static final String DISK_USED = "qdrant_usage_disk_used_bytes";
    public static final String DISK_CAPACITY = "qdrant_usage_disk_capacity_bytes";
    public static final String DISK_FREE = "qdrant_usage_disk_free_bytes";
    public static final String CPU_LIMIT = "qdrant_usage_cpu_limit_cores";
    /** REST and gRPC responses since the nodes started, summed over nodes (a counter: a restart lowers it). */
    public static final String REQUESTS_TOTAL = "qdrant_usage_requests_total";
    public static final String COLLECTIONS = "qdrant_usage_collections";
    public static final String POINTS = "qdrant_usage_points";
    /** Shard replicas per state (label {@value #STATE}) over the whole cluster. */
    public static final String SHARD_REPLICAS = "qdrant_usage_shard_replicas";
    /**
     * One per replica: labels {@value #NODE}, {@value #COLLECTION}, {@value #SHARD}, {@value #STATE}; the value is how
     * many replicas the shard has across the cluster.
     */
    public static final String REPLICA = "qdrant_usage_replica";

    private UsageMetricNames() {
    }
}
