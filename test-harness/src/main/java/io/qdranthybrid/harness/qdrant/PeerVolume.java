package io.qdranthybrid.harness.qdrant;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What a Qdrant node keeps under {@code /qdrant/storage}: its peer id, the collections it knows and
 * the points of the shard replicas it hosts. Guarded by the registry's lock.
 */
final class PeerVolume {

    private final String handle;
    private long peerId;
    private final Map<String, CollectionConfig> collections = new HashMap<>();
    private final Map<String, Map<Integer, Long>> shardPoints = new HashMap<>();

    PeerVolume(String handle) {
        this.handle = handle;
    }

    String handle() {
        return handle;
    }

    /** The peer id this storage belongs to; empty until a node first started on it. */
    OptionalLong peerId() {
        return peerId == 0 ? OptionalLong.empty() : OptionalLong.of(peerId);
    }

    void assignPeerId(long id) {
        this.peerId = id;
    }

    boolean isEmpty() {
        return peerId == 0 && shardPoints.isEmpty();
    }

    Map<String, CollectionConfig> collections() {
        return Map.copyOf(collections);
    }

    /** Local shards of one collection: shard id to points. */
    Map<Integer, Long> localShards(String collection) {
        return Map.copyOf(shardPoints.getOrDefault(collection, Map.of()));
    }

    boolean hasShard(String collection, int shardId) {
        return shardPoints.getOrDefault(collection, Map.of()).containsKey(shardId);
    }

    long points(String collection, int shardId) {
        return shardPoints.getOrDefault(collection, Map.of()).getOrDefault(shardId, 0L);
    }

    void rememberCollection(String collection, CollectionConfig config) {
        collections.put(collection, config);
    }

    void putShard(String collection, int shardId, long points) {
        shardPoints.computeIfAbsent(collection, c -> new HashMap<>()).put(shardId, points);
    }

    void addPoints(String collection, int shardId, long points) {
        shardPoints.computeIfAbsent(collection, c -> new HashMap<>()).merge(shardId, points, Long::sum);
    }

    void dropShard(String collection, int shardId) {
        Map<Integer, Long> shards = shardPoints.get(collection);
        if (shards != null) {
            shards.remove(shardId);
        }
    }

    void dropCollection(String collection) {
        collections.remove(collection);
        shardPoints.remove(collection);
    }

    /** A byte-for-byte copy under another handle, as a CSI snapshot or restore makes. */
    PeerVolume copyAs(String newHandle) {
        PeerVolume copy = new PeerVolume(newHandle);
        copy.peerId = peerId;
        copy.collections.putAll(collections);
        shardPoints.forEach((collection, shards) -> copy.shardPoints.put(collection, new HashMap<>(shards)));
        return copy;
    }
}
