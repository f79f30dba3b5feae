package io.qdranthybrid.operator.cluster;

/** One shard operation the operator asks a Qdrant node to perform. */
public sealed interface ShardAction {

    String collection();

    int shardId();

    /** Copy a replica to another peer, then drop the source: the replica count stays the same. */
    record Move(String collection, int shardId, long fromPeer, long toPeer) implements ShardAction {
    }

    /** Copy a replica to another peer: the replica count grows by one. */
    record Replicate(String collection, int shardId, long fromPeer, long toPeer) implements ShardAction {
    }

    /** Drop a replica whose shard has another active replica elsewhere. */
    record DropReplica(String collection, int shardId, long peerId) implements ShardAction {
    }
}
