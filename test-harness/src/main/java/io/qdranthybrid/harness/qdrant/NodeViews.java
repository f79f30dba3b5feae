package io.qdranthybrid.harness.qdrant;

import io.qdranthybrid.harness.qdrant.ShardTransferStatus.TransferKind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.qdranthybrid.harness.qdrant.Json.obj;

/**
 * The JSON documents one node answers, shaped like Qdrant's: what this node sees of its cluster.
 * Called with the registry's lock held.
 */
final class NodeViews {

    private final QdrantNode node;
    private final SimulatedQdrantCluster cluster;
    private final String telemetryId = UUID.randomUUID().toString();
    private final RestResponseCounts responses;

    NodeViews(QdrantNode node, SimulatedQdrantCluster cluster, RestResponseCounts responses) {
        this.node = node;
        this.cluster = cluster;
        this.responses = responses;
    }

    Map<String, Object> root() {
        return obj("title", "qdrant - vector search engine", "version", node.settings().version(), "commit", "simulated");
    }

    Map<String, Object> clusterInfo() {
        Map<String, Object> peers = new LinkedHashMap<>();
        Map<String, Object> sendFailures = new LinkedHashMap<>();
        if (node.isJoined()) {
            cluster.peers().values().forEach(peer -> {
                peers.put(Long.toString(peer.id), obj("uri", peer.uri));
                if (peer.id != node.peerId() && (node.isPartitioned() || !cluster.isReachable(peer.id))) {
                    sendFailures.put(peer.uri, obj("count", 1, "latest_error", "Error in closure supplied to transport channel pool: "
                            + "status: Unavailable, message: \"error trying to connect: tcp connect error\"",
                            "latest_error_timestamp", Instant.now().toString()));
                }
            });
        } else {
            peers.put(Long.toString(node.peerId()), obj("uri", node.settings().p2pUri()));
        }
        return obj(
                "status", "enabled",
                "peer_id", node.peerId(),
                "peers", peers,
                "raft_info", raftInfo(),
                "consensus_thread_status", obj("consensus_thread_status", "working", "last_update", Instant.now().toString()),
                "message_send_failures", sendFailures);
    }

    private Map<String, Object> raftInfo() {
        boolean connected = node.isJoined() && !node.isPartitioned() && cluster.hasLeader();
        String role = !connected ? (node.isJoined() ? "Candidate" : "Follower")
                : cluster.leader() == node.peerId() ? "Leader" : "Follower";
        // Without a leader raft-rs reports INVALID_ID, 0, which cluster_status() in
        // lib/storage/src/content_manager/consensus_manager.rs passes on as raft_info.leader (never null).
        return obj(
                "term", node.isJoined() ? cluster.term() : 0,
                "commit", node.isJoined() ? cluster.commit() : 0,
                "pending_operations", node.isJoined() ? cluster.pendingOperations() : 0,
                "leader", connected ? cluster.leader() : 0L,
                "role", role,
                "is_voter", true);
    }

    Map<String, Object> collections() {
        List<Object> names = new ArrayList<>();
        visibleCollections().forEach(c -> names.add(obj("name", c.name())));
        return obj("collections", names);
    }

    Map<String, Object> collectionInfo(String name) {
        CollectionState collection = visibleCollection(name);
        long points = cluster.pointsCount(name);
        return obj(
                "status", health(collection),
                "optimizer_status", "ok",
                "indexed_vectors_count", 0,
                "points_count", points,
                "segments_count", collection.shards().stream().filter(s -> s.replicas().containsKey(node.peerId())).count() * 2,
                "config", obj(
                        "params", params(collection.config()),
                        "hnsw_config", obj("m", 16, "ef_construct", 100, "full_scan_threshold", 10000,
                                "max_indexing_threads", 0, "on_disk", false),
                        "optimizer_config", obj("deleted_threshold", 0.2, "vacuum_min_vector_number", 1000,
                                "default_segment_number", 0, "max_segment_size", null, "memmap_threshold", null,
                                "indexing_threshold", 20000, "flush_interval_sec", 5, "max_optimization_threads", null),
                        "wal_config", obj("wal_capacity_mb", 32, "wal_segments_ahead", 0),
                        "quantization_config", null),
                "payload_schema", obj());
    }

    Map<String, Object> collectionClusterInfo(String name) {
        CollectionState collection = visibleCollection(name);
        List<Object> local = new ArrayList<>();
        List<Object> remote = new ArrayList<>();
        for (CollectionState.Shard shard : collection.shards()) {
            shard.replicas().forEach((peerId, stored) -> {
                if (peerId == node.peerId()) {
                    local.add(obj("shard_id", shard.id(), "points_count", cluster.replicaPoints(peerId, name, shard.id()),
                            "state", stored.name()));
                } else {
                    remote.add(obj("shard_id", shard.id(), "peer_id", peerId,
                            "state", cluster.visibleState(peerId, stored).name()));
                }
            });
        }
        List<Object> transfers = new ArrayList<>();
        cluster.transfersInFlight().stream().filter(t -> t.collection.equals(name)).forEach(t -> transfers.add(transferInfo(t)));
        return obj(
                "peer_id", node.peerId(),
                "shard_count", collection.config().shardNumber(),
                "local_shards", local,
                "remote_shards", remote,
                "shard_transfers", transfers);
    }

    Map<String, Object> telemetry() {
        List<Object> collectionTelemetry = new ArrayList<>();
        visibleCollections().forEach(c -> collectionTelemetry.add(collectionTelemetry(c)));
        Map<String, Object> peers = new LinkedHashMap<>();
        if (node.isJoined()) {
            cluster.peers().values().forEach(p -> peers.put(Long.toString(p.id), obj("uri", p.uri)));
        }
        Map<String, Object> raft = raftInfo();
        return obj(
                "id", telemetryId,
                "app", obj(
                        "name", "qdrant",
                        "version", node.settings().version(),
                        "features", obj("debug", false, "web_feature", true, "service_debug_feature", false,
                                "recovery_mode", false, "gpu", false),
                        "system", obj("distribution", "Debian GNU/Linux", "distribution_version", "12", "is_docker", true,
                                "cores", Runtime.getRuntime().availableProcessors(), "ram_size", 8_388_608,
                                "disk_size", 10_485_760, "cpu_flags", "sse,sse2,avx,avx2,fma,f16c"),
                        "jwt_rbac", false,
                        "hide_jwt_dashboard", false,
                        "startup", node.startedAt().toString()),
                "collections", obj("number_of_collections", collectionTelemetry.size(), "collections", collectionTelemetry),
                "cluster", obj(
                        "enabled", true,
                        "status", obj(
                                "number_of_peers", node.isJoined() ? cluster.peers().size() : 1,
                                "term", raft.get("term"),
                                "commit", raft.get("commit"),
                                "pending_operations", raft.get("pending_operations"),
                                "role", raft.get("role"),
                                "is_voter", true,
                                "peer_id", node.peerId(),
                                "consensus_thread_status", obj("consensus_thread_status", "working",
                                        "last_update", Instant.now().toString())),
                        "config", obj("grpc_timeout_ms", 60_000, "p2p", obj("connection_pool_size", 1),
                                "consensus", obj("tick_period_ms", 100, "bootstrap_timeout_sec", 15, "max_message_queue_size", 100)),
                        "peers", peers),
                "requests", obj("rest", obj("responses", obj()), "grpc", obj("responses", obj())));
    }

    private Map<String, Object> collectionTelemetry(CollectionState collection) {
        List<Object> shards = new ArrayList<>();
        for (CollectionState.Shard shard : collection.shards()) {
            Map<String, Object> states = new LinkedHashMap<>();
            List<Object> remote = new ArrayList<>();
            Object local = null;
            for (Map.Entry<Long, ReplicaState> replica : shard.replicas().entrySet()) {
                long peerId = replica.getKey();
                states.put(Long.toString(peerId), cluster.visibleState(peerId, replica.getValue()).name());
                if (peerId == node.peerId()) {
                    long points = cluster.replicaPoints(peerId, collection.name(), shard.id());
                    local = obj("variant_name", "local", "status", "green", "total_optimized_points", points,
                            "vectors_size_bytes", points * collection.config().vectorSize() * 4L, "payloads_size_bytes", 0,
                            "num_points", points, "num_vectors", points, "segments", List.of(), "optimizations", obj());
                } else {
                    remote.add(obj("shard_id", shard.id(), "peer_id", peerId, "searches", obj(), "updates", obj()));
                }
            }
            shards.add(obj("id", shard.id(), "key", null, "local", local, "remote", remote, "replicate_states", states));
        }
        List<Object> transfers = new ArrayList<>();
        cluster.transfersInFlight().stream().filter(t -> t.collection.equals(collection.name()))
                .forEach(t -> transfers.add(transferInfo(t)));
        return obj("id", collection.name(), "init_time_ms", 0,
                "config", obj("params", params(collection.config())),
                "shards", shards, "transfers", transfers, "resharding", List.of());
    }

    /** The node's metrics in Prometheus text format, named as Qdrant names them. */
    String metrics() {
        StringBuilder text = new StringBuilder();
        gauge(text, "app_info", "information about qdrant server",
                "{name=\"qdrant\",version=\"" + node.settings().version() + "\"}", 1);
        gauge(text, "app_status_recovery_mode", "features enabled in qdrant server", "", 0);
        List<CollectionState> visible = visibleCollections();
        gauge(text, "collections_total", "number of collections", "", visible.size());
        long vectors = visible.stream().mapToLong(c -> cluster.pointsCount(c.name())).sum();
        gauge(text, "collections_vector_total", "total number of vectors in all collections", "", vectors);
        gauge(text, "cluster_enabled", "is cluster support enabled", "", 1);
        Map<String, Object> raft = raftInfo();
        gauge(text, "cluster_peers_total", "total number of cluster peers", "", node.isJoined() ? cluster.peers().size() : 1);
        gauge(text, "cluster_term", "current cluster term", "", ((Number) raft.get("term")).longValue());
        gauge(text, "cluster_commits_total", "index of last committed (finalized) operation cluster peer is aware of", "",
                ((Number) raft.get("commit")).longValue());
        gauge(text, "cluster_pending_operations_total", "total number of pending operations for cluster peer", "",
                ((Number) raft.get("pending_operations")).longValue());
        gauge(text, "cluster_voter", "is cluster peer a voter or learner", "", 1);
        // Only names real Qdrant exports (src/common/metrics.rs); per-collection point and replica gauges exist in no
        // release from v1.12 to v1.17.
        gauge(text, "optimizer_running_processes", "number of currently running optimization processes", "", 0);
        restResponses(text);
        long localPoints = 0;
        long localBytes = 0;
        int localShards = 0;
        for (CollectionState collection : visibleCollections()) {
            for (CollectionState.Shard shard : collection.shards()) {
                if (shard.replicas().containsKey(node.peerId())) {
                    long points = cluster.replicaPoints(node.peerId(), collection.name(), shard.id());
                    localShards++;
                    localPoints += points;
                    localBytes += points * collection.config().vectorSize() * 4L;
                }
            }
        }
        // Memory and disk follow the data this node holds, so charts move when points are written: vectors as
        // float32 plus HNSW links (m=16, 2*16 4-byte ids) in RAM; vectors, payload and the WAL's share on disk.
        long resident = BASE_RESIDENT_BYTES + localBytes + localPoints * HNSW_BYTES_PER_POINT;
        gauge(text, "memory_active_bytes", "Total number of bytes in active pages allocated by the application", "",
                resident * 9 / 10);
        gauge(text, "memory_allocated_bytes", "Total number of bytes allocated by the application", "",
                resident * 8 / 10);
        gauge(text, "memory_metadata_bytes", "Total number of bytes dedicated to metadata", "", resident / 50);
        gauge(text, "memory_resident_bytes", "Maximum number of bytes in physically resident data pages mapped", "",
                resident);
        gauge(text, "memory_retained_bytes", "Total number of bytes in virtual memory mappings", "", resident / 10);
        // Not a Qdrant metric: the kubelet exports it per volume (pkg/kubelet/metrics/collectors/volume_stats.go).
        // The simulator has no kubelet endpoint, so each node serves its own volume's figure next to its metrics.
        gauge(text, "kubelet_volume_stats_used_bytes", "Number of used bytes in the volume",
                "{persistentvolumeclaim=\"qdrant-storage-" + node.settings().podName() + "\"}",
                BASE_DISK_BYTES + localShards * SHARD_DISK_BYTES + localBytes + localPoints * DISK_BYTES_PER_POINT);
        return text.toString();
    }

    /** Raft state, logs and the collections' config before any point. */
    private static final long BASE_DISK_BYTES = 8L * 1024 * 1024;
    /** A shard's segments, WAL and config files before any point. */
    private static final long SHARD_DISK_BYTES = 1024 * 1024;
    /** Payload, id tracker and WAL per point, besides its vector. */
    private static final long DISK_BYTES_PER_POINT = 256;
    private static final long BASE_RESIDENT_BYTES = 48L * 1024 * 1024;
    private static final long HNSW_BYTES_PER_POINT = 2 * 16 * 4;

    private void restResponses(StringBuilder text) {
        Map<RestResponseCounts.Key, RestResponseCounts.Count> counts = responses.snapshot();
        text.append("# HELP rest_responses_total total number of responses\n# TYPE rest_responses_total counter\n");
        counts.forEach((key, count) -> text.append("rest_responses_total").append(labels(key)).append(' ')
                .append(count.responses()).append('\n'));
        text.append("# HELP rest_responses_fail_total total number of failed responses\n"
                + "# TYPE rest_responses_fail_total counter\n");
        counts.forEach((key, count) -> text.append("rest_responses_fail_total").append(labels(key)).append(' ')
                .append(key.status() >= 500 ? count.responses() : 0).append('\n'));
        text.append("# HELP rest_responses_avg_duration_seconds average response duration\n"
                + "# TYPE rest_responses_avg_duration_seconds gauge\n");
        counts.forEach((key, count) -> text.append("rest_responses_avg_duration_seconds").append(labels(key))
                .append(' ').append(count.seconds() / count.responses()).append('\n'));
    }

    private static String labels(RestResponseCounts.Key key) {
        return "{method=\"" + key.method() + "\",endpoint=\"" + key.endpoint() + "\",status=\"" + key.status() + "\"}";
    }

    private static void gauge(StringBuilder text, String name, String help, String labels, long value) {
        text.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" gauge\n")
                .append(name).append(labels).append(' ').append(value).append('\n');
    }

    private Map<String, Object> transferInfo(ShardTransfer transfer) {
        return obj("shard_id", transfer.shardId, "to_shard_id", transfer.toShardId == transfer.shardId ? null : transfer.toShardId,
                "from", transfer.from, "to", transfer.to,
                "sync", transfer.kind != TransferKind.MOVE, "method", transfer.method,
                "comment", "Transferring records (" + transfer.pointsTransferred() + "/" + transfer.pointsTotal + ")");
    }

    private static Map<String, Object> params(CollectionConfig config) {
        return obj("vectors", obj("size", config.vectorSize(), "distance", config.distance()),
                "shard_number", config.shardNumber(),
                "replication_factor", config.replicationFactor(),
                "write_consistency_factor", 1,
                "on_disk_payload", true);
    }

    /** green when every replica is Active, red when a shard has no Active replica, yellow in between. */
    private String health(CollectionState collection) {
        boolean degraded = false;
        for (CollectionState.Shard shard : collection.shards()) {
            long active = shard.replicas().entrySet().stream()
                    .filter(r -> cluster.visibleState(r.getKey(), r.getValue()).isActive()).count();
            if (active == 0) {
                return "red";
            }
            degraded |= active < shard.replicas().size();
        }
        return degraded ? "yellow" : "green";
    }

    /** A node that never joined consensus knows no collections. */
    private List<CollectionState> visibleCollections() {
        return node.isJoined() ? List.copyOf(cluster.collections().values()) : List.of();
    }

    private CollectionState visibleCollection(String name) {
        if (!node.isJoined()) {
            throw QdrantApiException.collectionNotFound(name);
        }
        return cluster.collection(name);
    }
}
