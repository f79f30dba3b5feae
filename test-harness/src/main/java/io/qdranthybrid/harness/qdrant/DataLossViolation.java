package io.qdranthybrid.harness.qdrant;

import java.time.Instant;

/**
 * A broken data-safety invariant, recorded when a mutation caused it.
 *
 * @param cluster    the Qdrant cluster
 * @param collection the collection
 * @param shardId    the shard
 * @param kind       which invariant broke
 * @param at         when it was detected
 * @param cause      the mutation that caused it, e.g. {@code DELETE /cluster/peer/42?force=true}
 * @param detail     what exactly is wrong
 */
public record DataLossViolation(
        ClusterKey cluster, String collection, int shardId, Kind kind, Instant at, String cause, String detail) {

    public enum Kind {
        /** No peer holds any replica of the shard any more. */
        LAST_REPLICA_LOST,
        /** The shard's best Active replica holds fewer points than were acknowledged as written. */
        POINTS_LOST
    }

    @Override
    public String toString() {
        return cluster + " collection " + collection + " shard " + shardId + ": " + kind + " at " + at
                + " after " + cause + " (" + detail + ")";
    }
}
