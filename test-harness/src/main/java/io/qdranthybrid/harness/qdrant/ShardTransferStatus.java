package io.qdranthybrid.harness.qdrant;

/**
 * A shard transfer in flight or aborted, as the harness reads it.
 *
 * @param reason why it was aborted; empty for transfers in flight
 */
public record ShardTransferStatus(
        String collection, int shardId, long fromPeerId, long toPeerId, TransferKind kind,
        long pointsTotal, long pointsTransferred, String reason) {

    /** Why a shard is being copied. */
    public enum TransferKind {
        /** {@code replicate_shard}: add a replica. */
        REPLICATE,
        /** {@code move_shard}: add a replica, then drop the source. */
        MOVE,
        /** Automatic: bring a Dead replica back up to date. */
        RECOVERY,
        /** Resharding up: a new shard receives its points from an existing one. */
        RESHARDING_UP,
        /** Resharding down: the last shard's points go to another shard before it is removed. */
        RESHARDING_DOWN
    }
}
