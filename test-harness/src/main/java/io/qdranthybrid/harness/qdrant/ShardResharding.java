package io.qdranthybrid.harness.qdrant;

import io.qdranthybrid.harness.qdrant.ShardTransferStatus.TransferKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Comparator;
import java.util.Map;

/**
 * Resharding of one cluster's collections, staged as Qdrant's resharding driver stages it
 * ({@code lib/collection/src/shards/resharding/driver.rs}): points migrate by a {@code resharding_stream_records}
 * transfer between two shard ids, the receiving replica in {@code Resharding} (up) or {@code ReshardingScaleDown}
 * (down) meanwhile ({@code initial_state} in {@code lib/collection/src/collection/shard_transfer.rs}); going up, the
 * new shard then serves reads before it takes writes ({@code ActiveRead}, "Active for readers, Partial for writers")
 * until the write hash ring is committed. Called with the registry's lock held.
 */
final class ShardResharding {

    private static final Logger LOG = LoggerFactory.getLogger(ShardResharding.class);
    static final String METHOD = "resharding_stream_records";

    private final SimulatedQdrantCluster cluster;

    ShardResharding(SimulatedQdrantCluster cluster) {
        this.cluster = cluster;
    }

    void start(CollectionState state, ReshardingDirection direction) {
        String name = state.name();
        if (cluster.transfersInFlight().stream().anyMatch(t -> t.collection.equals(name) && resharding(t.kind))) {
            throw QdrantApiException.badRequest("Collection `" + name + "` is already being resharded");
        }
        CollectionState.Shard first = state.shards().iterator().next();
        long now = System.nanoTime();
        if (direction == ReshardingDirection.UP) {
            long source = fullestActive(state, first);
            long target = cluster.peers().keySet().stream().filter(cluster::isReachable)
                    .min(Comparator.comparingLong(peer -> replicasOn(state, peer))).orElseThrow();
            CollectionState.Shard added = state.addShard();
            added.placeReplica(target, ReplicaState.Resharding);
            cluster.volumeOf(target).ifPresent(v -> v.putShard(name, added.id(), 0));
            long points = cluster.replicaPoints(source, name, first.id()) / (state.config().shardNumber() + 1);
            cluster.begin(new ShardTransfer(name, first.id(), added.id(), source, target, TransferKind.RESHARDING_UP, METHOD,
                    points, now));
        } else {
            if (state.shards().size() < 2) {
                throw QdrantApiException.badRequest("Collection `" + name + "` has one shard; it cannot be resharded down");
            }
            CollectionState.Shard last = state.shard(state.config().shardNumber() - 1);
            long source = fullestActive(state, last);
            long target = fullestActive(state, first);
            first.replicas().put(target, ReplicaState.ReshardingScaleDown);
            cluster.begin(new ShardTransfer(name, last.id(), first.id(), source, target, TransferKind.RESHARDING_DOWN, METHOD,
                    cluster.replicaPoints(source, name, last.id()), now));
        }
        LOG.info("Qdrant cluster {}: resharding collection {} {}", cluster.key(), name, direction);
    }

    /** The migration's points all arrived: the next stage, or the end. */
    void migrated(ShardTransfer transfer, long nowNanos) {
        CollectionState state = cluster.collection(transfer.collection);
        CollectionState.Shard receiving = state.shard(transfer.toShardId);
        if (transfer.kind == TransferKind.RESHARDING_UP && receiving.replicas().get(transfer.to) == ReplicaState.Resharding) {
            receiving.replicas().put(transfer.to, ReplicaState.ActiveRead); // read hash ring committed
            transfer.restart(nowNanos);
            cluster.committed();
            return;
        }
        cluster.transfersInFlight().remove(transfer);
        transfer.cancelTicker();
        long points = transfer.pointsTotal;
        if (transfer.kind == TransferKind.RESHARDING_UP) {
            CollectionState.Shard source = state.shard(transfer.shardId);
            source.replicas().keySet().forEach(peer -> cluster.volumeOf(peer)
                    .ifPresent(v -> v.addPoints(state.name(), source.id(), -Math.min(points, v.points(state.name(), source.id())))));
            source.acknowledgeWrite(-points);
            cluster.volumeOf(transfer.to).ifPresent(v -> v.putShard(state.name(), receiving.id(), points));
            receiving.placeReplica(transfer.to, cluster.activeStateOn(transfer.to));
            receiving.raiseWrittenTo(points);
        } else {
            receiving.replicas().forEach((peer, replica) -> {
                if (replica.isUpdatable()) {
                    cluster.volumeOf(peer).ifPresent(v -> v.addPoints(state.name(), receiving.id(), points));
                }
            });
            receiving.acknowledgeWrite(points);
            receiving.replicas().put(transfer.to, cluster.activeStateOn(transfer.to));
            CollectionState.Shard removed = state.shard(transfer.shardId);
            removed.replicas().keySet().forEach(peer -> cluster.volumeOf(peer).ifPresent(v -> v.dropShard(state.name(), removed.id())));
            state.removeShard(removed.id());
        }
        state.commitShardNumber();
        cluster.peers().keySet().forEach(peer -> cluster.volumeOf(peer).ifPresent(v -> v.rememberCollection(state.name(), state.config())));
        LOG.info("Qdrant cluster {}: resharding of {} finished, {} shards", cluster.key(), state.name(), state.config().shardNumber());
        cluster.committed();
        cluster.checkInvariants("resharding of " + state.name());
    }

    /** An aborted resharding leaves the collection as it was before. */
    void aborted(ShardTransfer transfer) {
        CollectionState state = cluster.collection(transfer.collection);
        if (transfer.kind == TransferKind.RESHARDING_UP) {
            cluster.volumeOf(transfer.to).ifPresent(v -> v.dropShard(state.name(), transfer.toShardId));
            state.removeShard(transfer.toShardId);
        } else {
            state.shard(transfer.toShardId).replicas().put(transfer.to, cluster.activeStateOn(transfer.to));
        }
    }

    static boolean resharding(TransferKind kind) {
        return kind == TransferKind.RESHARDING_UP || kind == TransferKind.RESHARDING_DOWN;
    }

    private long fullestActive(CollectionState state, CollectionState.Shard shard) {
        return shard.replicas().entrySet().stream()
                .filter(r -> r.getValue() == ReplicaState.Active && cluster.isReachable(r.getKey()))
                .map(Map.Entry::getKey)
                .max(Comparator.comparingLong(peer -> cluster.replicaPoints(peer, state.name(), shard.id())))
                .orElseThrow(() -> QdrantApiException.badRequest("Shard " + shard.id() + " of `" + state.name()
                        + "` has no reachable Active replica to reshard from"));
    }

    private static long replicasOn(CollectionState state, long peer) {
        return state.shards().stream().filter(s -> s.replicas().containsKey(peer)).count();
    }
}
