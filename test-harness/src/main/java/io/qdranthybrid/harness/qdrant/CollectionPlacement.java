package io.qdranthybrid.harness.qdrant;

import java.util.List;

/** A collection's parameters and the placement of all its shards. */
public record CollectionPlacement(String collection, int shardNumber, int replicationFactor, List<ShardPlacement> shards) {

    public CollectionPlacement {
        shards = List.copyOf(shards);
    }

    public ShardPlacement shard(int shardId) {
        return shards.stream().filter(s -> s.shardId() == shardId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("collection " + collection + " has no shard " + shardId
                        + "; it has shards 0.." + (shardNumber - 1)));
    }

    /** Shard ids with a replica on {@code peerId}. */
    public List<Integer> shardsOn(long peerId) {
        return shards.stream().filter(s -> s.peers().contains(peerId)).map(ShardPlacement::shardId).toList();
    }
}
