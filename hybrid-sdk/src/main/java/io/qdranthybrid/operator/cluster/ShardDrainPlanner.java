package io.qdranthybrid.operator.cluster;

import io.qdranthybrid.qdrant.CollectionPlacement;
import io.qdranthybrid.qdrant.ShardReplica;
import io.qdranthybrid.qdrant.ShardTransfer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans how to empty the peers that a scale-down removes. A replica on a leaving peer is moved to a
 * remaining peer that lacks that shard; it is only dropped when its shard keeps an Active replica on a
 * remaining peer and every remaining peer already holds the shard. A shard's last Active replica is never
 * dropped. Pure: called again after each step with the placement Qdrant reports then.
 */
public final class ShardDrainPlanner {

    private final int maxConcurrentTransfers;

    public ShardDrainPlanner(int maxConcurrentTransfers) {
        if (maxConcurrentTransfers < 1) {
            throw new IllegalArgumentException("maxConcurrentTransfers must be at least 1, got " + maxConcurrentTransfers);
        }
        this.maxConcurrentTransfers = maxConcurrentTransfers;
    }

    /** What to do next; an empty plan with {@link DrainPlan#drained()} true means the peers can be removed. */
    public DrainPlan plan(Collection<CollectionPlacement> placements, Set<Long> leavingPeers, Set<Long> remainingPeers) {
        return plan(placements, leavingPeers, remainingPeers, false);
    }

    /**
     * @param dropAbortsPeerTransfers the cluster runs a Qdrant version whose {@code drop_replica} aborts every transfer
     *                                of the peer in the collection (v1.16.2 and older)
     */
    public DrainPlan plan(Collection<CollectionPlacement> placements, Set<Long> leavingPeers, Set<Long> remainingPeers,
                          boolean dropAbortsPeerTransfers) {
        if (remainingPeers.isEmpty()) {
            throw new IllegalArgumentException("cannot drain every peer: at least one must remain to hold the data");
        }
        int inFlight = 0;
        for (CollectionPlacement placement : placements) {
            inFlight += placement.transfers().size();
        }
        Map<Long, Integer> load = new HashMap<>();
        remainingPeers.forEach(peer -> load.put(peer, 0));
        for (CollectionPlacement placement : placements) {
            for (ShardReplica replica : placement.replicas()) {
                load.computeIfPresent(replica.peerId(), (peer, count) -> count + 1);
            }
        }

        List<ShardAction> actions = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        int pendingReplicas = 0;
        for (CollectionPlacement placement : placements) {
            Set<Integer> transferring = new HashSet<>();
            // Peers a transfer involves in this collection, running or planned now; peers a drop is planned for.
            Set<Long> peersTransferring = new HashSet<>();
            Set<Long> peersDropping = new HashSet<>();
            for (ShardTransfer transfer : placement.transfers()) {
                transferring.add(transfer.shardId());
                peersTransferring.add(transfer.from());
                peersTransferring.add(transfer.to());
            }
            for (Map.Entry<Integer, List<ShardReplica>> shard : placement.byShard().entrySet()) {
                for (ShardReplica replica : shard.getValue()) {
                    if (!leavingPeers.contains(replica.peerId())) {
                        continue;
                    }
                    pendingReplicas++;
                    String where = placement.collection() + ":" + shard.getKey();
                    ShardReplica changing = shard.getValue().stream().filter(r -> r.state().inTransition()).findFirst()
                            .orElse(null);
                    if (changing != null) {
                        // One change per shard at a time; look again when Qdrant's own change (a transfer, resharding)
                        // is done: moving a shard that is being resharded would undo or break it.
                        waiting.add(where + " (its replica on peer " + changing.peerId() + " is "
                                + changing.state().wireValue() + ")");
                        continue;
                    }
                    if (transferring.contains(shard.getKey())) {
                        waiting.add(where + " (a transfer of it is running)");
                        continue;
                    }
                    ShardAction action = actionFor(placement.collection(), shard.getKey(), replica, shard.getValue(),
                            remainingPeers, load);
                    if (action == null) {
                        // A Listener or ManualRecovery replica elsewhere is no copy: the only Active one must stay.
                        waiting.add(where + (replica.state().serving()
                                ? " (every remaining peer holds it, none as an Active copy: "
                                : " (no Active replica to copy from or to keep: ") + states(shard.getValue()) + ")");
                        continue;
                    }
                    if (action instanceof ShardAction.DropReplica drop) {
                        if (dropAbortsPeerTransfers && (peersTransferring.contains(drop.peerId())
                                || !peersDropping.add(drop.peerId()))) {
                            continue; // the drop would abort that peer's transfers in this collection: later
                        }
                        actions.add(action);
                    } else if (inFlight < maxConcurrentTransfers) {
                        Set<Long> ends = ends(action);
                        if (dropAbortsPeerTransfers && ends.stream().anyMatch(peersDropping::contains)) {
                            continue; // a drop planned now would abort it
                        }
                        actions.add(action);
                        inFlight++;
                        transferring.add(shard.getKey());
                        peersTransferring.addAll(ends);
                    }
                }
            }
        }
        return new DrainPlan(actions, pendingReplicas == 0, waiting);
    }

    /** {@code peer=State} for each replica, as a user reads it in the cluster's status. */
    private static String states(List<ShardReplica> replicas) {
        List<String> states = new ArrayList<>();
        replicas.forEach(r -> states.add(r.peerId() + "=" + r.state().wireValue()));
        return String.join(", ", states);
    }

    private static Set<Long> ends(ShardAction action) {
        if (action instanceof ShardAction.Move move) {
            return Set.of(move.fromPeer(), move.toPeer());
        }
        if (action instanceof ShardAction.Replicate replicate) {
            return Set.of(replicate.fromPeer(), replicate.toPeer());
        }
        return Set.of();
    }

    private static ShardAction actionFor(String collection, int shardId, ShardReplica replica, List<ShardReplica> replicas,
                                         Set<Long> remainingPeers, Map<Long, Integer> load) {
        Set<Long> holders = new HashSet<>();
        boolean activeElsewhereOnRemaining = false;
        for (ShardReplica other : replicas) {
            holders.add(other.peerId());
            if (other != replica && remainingPeers.contains(other.peerId()) && other.state().serving()) {
                activeElsewhereOnRemaining = true;
            }
        }
        Long target = remainingPeers.stream().filter(peer -> !holders.contains(peer))
                .min(Comparator.comparing((Long peer) -> load.get(peer)).thenComparing(peer -> peer))
                .orElse(null);
        if (target != null) {
            if (!replica.state().serving() && activeElsewhereOnRemaining) {
                // A broken copy on a leaving peer is worthless; copy from a healthy replica instead.
                long source = replicas.stream().filter(r -> remainingPeers.contains(r.peerId()) && r.state().serving())
                        .findFirst().orElseThrow().peerId();
                load.merge(target, 1, Integer::sum);
                return new ShardAction.Replicate(collection, shardId, source, target);
            }
            if (!replica.state().serving()) {
                return null; // the only data is on a replica that is not Active: wait for it to recover
            }
            load.merge(target, 1, Integer::sum);
            return new ShardAction.Move(collection, shardId, replica.peerId(), target);
        }
        // Every remaining peer already holds this shard: the leaving copy is surplus, if another one serves.
        return activeElsewhereOnRemaining ? new ShardAction.DropReplica(collection, shardId, replica.peerId()) : null;
    }

    /**
     * @param actions what to do now (may be empty while transfers run)
     * @param drained true when no replica is left on any leaving peer
     * @param waiting the shards left alone for now, each with why (Qdrant is changing it, or no healthy copy remains)
     */
    public record DrainPlan(List<ShardAction> actions, boolean drained, List<String> waiting) {
        public DrainPlan {
            actions = List.copyOf(actions);
            waiting = List.copyOf(waiting);
        }

        public DrainPlan(List<ShardAction> actions, boolean drained) {
            this(actions, drained, List.of());
        }

        /** Which shards the drain leaves alone and why, so a user sees what it waits for; empty when none. */
        String waitingSummary() {
            if (waiting.isEmpty()) {
                return "";
            }
            List<String> shown = waiting.subList(0, Math.min(3, waiting.size()));
            return "; waiting for shards " + String.join(", ", shown)
                    + (waiting.size() > shown.size() ? " and " + (waiting.size() - shown.size()) + " more" : "");
        }
    }
}
