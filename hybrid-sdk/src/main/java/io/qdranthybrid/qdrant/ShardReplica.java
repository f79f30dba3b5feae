package io.qdranthybrid.qdrant;

/** One replica of one shard of a collection, on one peer. */
public record ShardReplica(int shardId, long peerId, ReplicaState state, Long pointsCount) {
}
