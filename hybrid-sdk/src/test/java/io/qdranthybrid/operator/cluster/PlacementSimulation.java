package io.qdranthybrid.operator.cluster;

import io.qdranthybrid.qdrant.CollectionPlacement;
import io.qdranthybrid.qdrant.ReplicaState;
import io.qdranthybrid.qdrant.ShardReplica;
import io.qdranthybrid.qdrant.ShardTransfer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A tiny model of Qdrant's shard placement for planner tests: applies planned actions the way Qdrant does
 * (a transfer first adds a Partial replica, completing it makes it Active and, for a move, drops the source)
 * and checks after every step that each shard still has an Active replica. Transfers may be completed all at once
 * or a random few at a time, so a planner is also asked while some of its earlier transfers are still running.
 */
final class PlacementSimulation {

    /** Qdrant v1.16.2 and older: drop_replica aborts every transfer of that peer in the collection. */
    private final boolean dropAbortsPeerTransfers;

    /** collection -> shard -> peer -> state */
    private final Map<String, Map<Integer, Map<Long, ReplicaState>>> replicas = new TreeMap<>();
    private final Map<String, List<Pending>> transfers = new TreeMap<>();
    private final Map<String, Map<Integer, Long>> points = new TreeMap<>();
    private final List<String> violations = new ArrayList<>();

    private record Pending(int shard, long from, long to, boolean dropSource) {
        boolean involves(long peer) {
            return from == peer || to == peer;
        }
    }

    PlacementSimulation() {
        this(false);
    }

    PlacementSimulation(boolean dropAbortsPeerTransfers) {
        this.dropAbortsPeerTransfers = dropAbortsPeerTransfers;
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
                if (dropAbortsPeerTransfers) {
                    abortTransfersOf(d.collection(), d.peerId());
                }
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
        if (peers.containsKey(to)) {
            violations.add(collection + "/" + shard + ": transfer to " + to + ", which already holds the shard");
        }
        if (transfers.get(collection).stream().anyMatch(t -> t.shard() == shard)) {
            violations.add(collection + "/" + shard + ": second transfer " + from + "->" + to + " while one runs");
        }
        peers.put(to, ReplicaState.PARTIAL);
        transfers.get(collection).add(new Pending(shard, from, to, dropSource));
    }

    /**
     * What old Qdrant does on drop_replica: every transfer of the peer in the collection stops and its Partial
     * target is removed. The planner must never let that happen, so it is a violation.
     */
    private void abortTransfersOf(String collection, long peer) {
        List<Pending> running = transfers.get(collection);
        for (Pending t : List.copyOf(running)) {
            if (t.involves(peer)) {
                violations.add(collection + "/" + t.shard() + ": drop_replica on " + peer + " aborted transfer "
                        + t.from() + "->" + t.to());
                replicas.get(collection).get(t.shard()).remove(t.to());
                running.remove(t);
            }
        }
    }

    /** Completes every running transfer. */
    void completeTransfers() {
        complete(t -> true);
    }

    /** Completes a random half of the running transfers, on average; the others stay in flight. */
    void completeSomeTransfers(Random random) {
        complete(t -> random.nextBoolean());
    }

    private void complete(Predicate<Pending> finishesNow) {
        transfers.forEach((collection, running) -> {
            for (Pending t : List.copyOf(running)) {
                if (!finishesNow.test(t)) {
                    continue;
                }
                Map<Long, ReplicaState> peers = replicas.get(collection).get(t.shard());
                peers.put(t.to(), ReplicaState.ACTIVE);
                if (t.dropSource()) {
                    peers.remove(t.from());
                }
                running.remove(t);
                check(collection, t.shard(), "transfer " + t.from() + "->" + t.to());
            }
        });
    }

    int transfersInFlight() {
        return transfers.values().stream().mapToInt(List::size).sum();
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
