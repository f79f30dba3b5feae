package io.qdranthybrid.qdrant;

/** A shard transfer in progress between two peers. */
public record ShardTransfer(int shardId, long from, long to, boolean sync, String method) {
}
