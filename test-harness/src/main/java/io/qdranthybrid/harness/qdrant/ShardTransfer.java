package io.qdranthybrid.harness.qdrant;

import io.qdranthybrid.harness.qdrant.ShardTransferStatus.TransferKind;

import java.util.concurrent.ScheduledFuture;

/** A shard transfer in flight; advanced by a timer tick, never by a thread of its own. Guarded by the registry's lock. */
final class ShardTransfer {

    final String collection;
    final int shardId;
    /** The shard receiving the points: {@link #shardId} itself except while resharding. */
    final int toShardId;
    final long from;
    final long to;
    final TransferKind kind;
    /** Qdrant's transfer method as requested, e.g. {@code stream_records}; only reported, all copy alike. */
    final String method;
    final long pointsTotal;
    private double pointsTransferred;
    private long lastTickNanos;
    private long lastProgressNanos;
    private ScheduledFuture<?> ticker;

    ShardTransfer(String collection, int shardId, long from, long to, TransferKind kind, String method, long pointsTotal,
                  long nowNanos) {
        this(collection, shardId, shardId, from, to, kind, method, pointsTotal, nowNanos);
    }

    ShardTransfer(String collection, int shardId, int toShardId, long from, long to, TransferKind kind, String method,
                  long pointsTotal, long nowNanos) {
        this.collection = collection;
        this.shardId = shardId;
        this.toShardId = toShardId;
        this.from = from;
        this.to = to;
        this.kind = kind;
        this.method = method;
        this.pointsTotal = pointsTotal;
        this.lastTickNanos = nowNanos;
        this.lastProgressNanos = nowNanos;
    }

    void attachTicker(ScheduledFuture<?> future) {
        this.ticker = future;
    }

    void cancelTicker() {
        if (ticker != null) {
            ticker.cancel(false);
        }
    }

    boolean involves(long peerId) {
        return from == peerId || to == peerId;
    }

    boolean matches(String collectionName, int shard) {
        return collection.equals(collectionName) && (shardId == shard || toShardId == shard);
    }

    /** The next stage of a staged transfer takes as long again: copying starts over from zero. */
    void restart(long nowNanos) {
        pointsTransferred = 0;
        lastTickNanos = nowNanos;
        lastProgressNanos = nowNanos;
    }

    /** Copies what the elapsed time allows; returns true once every point arrived. */
    boolean advance(long nowNanos, long pointsPerSecond) {
        pointsTransferred += pointsPerSecond * ((nowNanos - lastTickNanos) / 1e9);
        lastTickNanos = nowNanos;
        lastProgressNanos = nowNanos;
        return pointsTransferred >= pointsTotal;
    }

    /** An end is unreachable: nothing is copied, the stall clock keeps running. */
    long stall(long nowNanos) {
        lastTickNanos = nowNanos;
        return nowNanos - lastProgressNanos;
    }

    long pointsTransferred() {
        return Math.min(pointsTotal, (long) pointsTransferred);
    }

    ShardTransferStatus status(String reason) {
        return new ShardTransferStatus(collection, shardId, from, to, kind, pointsTotal, pointsTransferred(), reason);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase() + " of shard " + collection + ":" + shardId + " from " + from + " to " + to;
    }
}
