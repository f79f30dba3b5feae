package io.qdranthybrid.operator.cluster;

import io.qdranthybrid.qdrant.CollectionPlacement;
import io.qdranthybrid.qdrant.ReplicaState;
import io.qdranthybrid.qdrant.ShardReplica;
import io.qdranthybrid.qdrant.ShardTransfer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tiny model of Qdrant's shard placement for planner tests: applies planned actions the way Qdrant does
 * (a transfer first adds a Partial replica, completing it makes it Active and, for a move, drops the source)
 * and checks after every step that each shard still has an Active replica.
 */
final class PlacementSimulation {

    /** collection -> shard -> peer -> state */
    private final Map<String, Map<Integer, Map<Long, ReplicaState>>> replicas = new TreeMap<>();
    private final Map<String, List<Pending>> transfers = new TreeMap<>();
    private final Map<String, Map<Integer, Long>> points = new TreeMap<>();
    private final List<String> violations = new ArrayList<>();

    private record Pending(int shard, long from, long to, boolean dropSource) {
    }

    void put(String collection, int shard, long peer, ReplicaState state, long pointCount) {
        replicas.computeIfAbsent(collection, c -> new TreeMap<>()).computeIfAbsent(shard, s -> new TreeMap<>())
                .put(peer, state);
        points.computeIfAbsent(collection, c -> new TreeMap<>()).put(shard, pointCount);
        transfers.computeIfAbsent(collection, c -> new ArrayList<>());
    }

    List<CollectionPlacement> placements() {
        List<CollectionPlacement> result = new ArrayList<>();
        replicas.forEach((collection, shards) -> {
            List<ShardReplica> list = new ArrayList<>();
            shards.forEach((shard, peers) -> peers.forEach((peer, state) ->
                    list.add(new ShardReplica(shard, peer, state, points.get(collection).get(shard)))));
            List<ShardTransfer> running = transfers.get(collection).stream()
                    .map(t -> new ShardTransfer(t.shard(), t.from(), t.to(), false, "stream_records")).toList();
            result.add(new CollectionPlacement(collection, shards.size(), list, running));
        });
        return result;
    }

    void apply(List<ShardAction> actions) {
        for (ShardAction action : actions) {
            if (action instanceof ShardAction.Move m) {
                begin(m.collection(), m.shardId(), m.fromPeer(), m.toPeer(), true);
            } else if (action instanceof ShardAction.Replicate r) {
                begin(r.collection(), r.shardId(), r.fromPeer(), r.toPeer(), false);
            } else if (action instanceof ShardAction.DropReplica d) {
                replicas.get(d.collection()).get(d.shardId()).remove(d.peerId());
                check(d.collection(), d.shardId(), "drop_replica on " + d.peerId());
            }
        }
    }

    private void begin(String collection, int shard, long from, long to, boolean dropSource) {
        Map<Long, ReplicaState> peers = replicas.get(collection).get(shard);
        if (peers.get(from) != ReplicaState.ACTIVE) {
            violations.add(collection + "/" + shard + ": transfer from non-active replica on " + from);
        }
        peers.put(to, ReplicaState.PARTIAL);
        transfers.get(collection).add(new Pending(shard, from, to, dropSource));
    }

    /** Completes every running transfer. */
    void completeTransfers() {
        transfers.forEach((collection, running) -> {
            for (Pending t : running) {
                Map<Long, ReplicaState> peers = replicas.get(collection).get(t.shard());
                peers.put(t.to(), ReplicaState.ACTIVE);
                if (t.dropSource()) {
                    peers.remove(t.from());
                }
                check(collection, t.shard(), "transfer " + t.from() + "->" + t.to());
            }
            running.clear();
        });
    }

    private void check(String collection, int shard, String after) {
        boolean active = replicas.get(collection).get(shard).values().stream().anyMatch(s -> s == ReplicaState.ACTIVE);
        if (!active) {
            violations.add(collection + "/" + shard + " lost its last active replica after " + after);
        }
    }

    long replicasOn(long peer) {
        return replicas.values().stream().flatMap(s -> s.values().stream()).filter(p -> p.containsKey(peer)).count();
    }

    List<String> violations() {
        return violations;
    }
}
