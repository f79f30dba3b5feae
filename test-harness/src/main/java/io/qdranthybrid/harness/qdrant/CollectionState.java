package io.qdranthybrid.harness.qdrant;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** One collection as consensus knows it: config and, per shard, replica states. Guarded by the registry's lock. */
final class CollectionState {

    private final String name;
    private final CollectionConfig config;
    private final Map<Integer, Shard> shards = new TreeMap<>();

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

    Shard shard(int shardId) {
        Shard shard = shards.get(shardId);
        if (shard == null) {
            throw QdrantApiException.badRequest("Shard " + shardId + " does not exist in collection `" + name
                    + "`; it has shards 0.." + (config.shardNumber() - 1));
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
