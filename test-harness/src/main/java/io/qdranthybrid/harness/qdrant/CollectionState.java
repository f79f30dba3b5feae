package io.qdranthybrid.harness.qdrant;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** One collection as consensus knows it: config and, per shard, replica states. Guarded by the registry's lock. */
final class CollectionState {

    private final String name;
    private CollectionConfig config;
    private final TreeMap<Integer, Shard> shards = new TreeMap<>();

    CollectionState(String name, CollectionConfig config) {
        this.name = name;
        this.config = config;
        for (int id = 0; id < config.shardNumber(); id++) {
            shards.put(id, new Shard(id));
        }
    }

    String name() {
        return name;
    }

    CollectionConfig config() {
        return config;
    }

    Collection<Shard> shards() {
        return shards.values();
    }

    /** Resharding up created a shard: it exists, empty, until its migration ends or is aborted. */
    Shard addShard() {
        int id = shards.isEmpty() ? 0 : shards.lastKey() + 1;
        Shard shard = new Shard(id);
        shards.put(id, shard);
        return shard;
    }

    /** The shard is gone (resharding ended or was aborted): the shard number follows. */
    void removeShard(int shardId) {
        shards.remove(shardId);
    }

    /** Resharding committed: the collection's shard number is the number of shards it now has. */
    void commitShardNumber() {
        config = new CollectionConfig(shards.size(), config.replicationFactor(), config.vectorSize(), config.distance());
    }

    Shard shard(int shardId) {
        Shard shard = shards.get(shardId);
        if (shard == null) {
            throw QdrantApiException.badRequest("Shard " + shardId + " does not exist in collection `" + name
                    + "`; it has shards " + shards.keySet());
        }
        return shard;
    }

    /** Replica states in consensus, before other peers' reachability is taken into account. */
    static final class Shard {
        private final int id;
        private long writtenPoints;
        private boolean everHeld;
        private final Map<Long, ReplicaState> replicas = new LinkedHashMap<>();

        Shard(int id) {
            this.id = id;
        }

        int id() {
            return id;
        }

        long writtenPoints() {
            return writtenPoints;
        }

        void acknowledgeWrite(long points) {
            writtenPoints += points;
        }

        void raiseWrittenTo(long points) {
            writtenPoints = Math.max(writtenPoints, points);
        }

        /** A replica with data was placed here; only then can the shard lose its last replica. */
        void placeReplica(long peerId, ReplicaState state) {
            replicas.put(peerId, state);
            everHeld = true;
        }

        boolean everHeld() {
            return everHeld;
        }

        Map<Long, ReplicaState> replicas() {
            return replicas;
        }
    }
}
