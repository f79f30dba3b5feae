package io.qdranthybrid.operator.cluster;

import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.operator.cluster.ClusterObservation.ClaimObservation;
import io.qdranthybrid.operator.cluster.ClusterObservation.ConsensusObservation;
import io.qdranthybrid.operator.cluster.ClusterObservation.NodeObservation;
import io.qdranthybrid.operator.cluster.ClusterObservation.StatefulSetObservation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static io.qdranthybrid.operator.cluster.ClusterLifecycle.IN_PROGRESS;
import static io.qdranthybrid.operator.cluster.ClusterLifecycle.WAITING_FOR_QDRANT;

/**
 * How many replicas the StatefulSet gets: growing is immediate (volumes of removed peers are deleted first, so those
 * nodes start fresh); shrinking first moves every shard off the leaving nodes and removes their peers from consensus,
 * so no shard loses its only replica. The leaving nodes are remembered in status.deleteInProgressNodeIndexes, so a
 * restarted operator finishes the drain. Pure: observation in, plan fragment out.
 */
final class ScaleDecision {

    /**
     * @param replicas         the StatefulSet's replicas for this reconcile (the current count while draining)
     * @param deleteInProgress status.deleteInProgressNodeIndexes: the nodes still leaving, null when none
     */
    record Outcome(int replicas, List<Integer> deleteInProgress, StepOutcome step) {
    }

    private final ClusterObservation world;
    private final ShardDrainPlanner drainPlanner;
    private final boolean dropAbortsPeerTransfers;
    private final List<PlannedAction> actions = new ArrayList<>();

    private ScaleDecision(ClusterObservation world, ShardDrainPlanner drainPlanner, boolean dropAbortsPeerTransfers) {
        this.world = world;
        this.drainPlanner = drainPlanner;
        this.dropAbortsPeerTransfers = dropAbortsPeerTransfers;
    }

    /**
     * @param stillLeaving            status.deleteInProgressNodeIndexes as last written, null when none
     * @param dropAbortsPeerTransfers whether a Qdrant version that may run aborts a peer's transfers on drop_replica
     */
    static Outcome decide(ClusterObservation world, List<Integer> stillLeaving, ShardDrainPlanner drainPlanner,
                          boolean dropAbortsPeerTransfers) {
        return new ScaleDecision(world, drainPlanner, dropAbortsPeerTransfers).decide(stillLeaving);
    }

    private Outcome decide(List<Integer> stillLeaving) {
        int target = world.cluster().getSpec().getSize();
        int current = world.statefulSet().map(StatefulSetObservation::replicas).orElse(target);
        Set<Integer> leaving = new TreeSet<>(stillLeaving == null ? List.of() : stillLeaving);
        for (int ordinal = target; ordinal < current; ordinal++) {
            leaving.add(ordinal);
        }
        leaving.removeIf(ordinal -> ordinal >= current && nodeAt(ordinal).isEmpty());
        if (!leaving.isEmpty()) {
            return drain(leaving, current, target);
        }
        if (target > current) {
            for (int ordinal = current; ordinal < target; ordinal++) {
                ClaimObservation claim = world.databaseClaims().get(ordinal);
                if (claim != null && claim.removedPeer()) {
                    actions.add(new PlannedAction.DeleteClaims(ordinal));
                }
            }
            return outcome(target, null, scaling("adding nodes: " + current + " -> " + target, IN_PROGRESS));
        }
        return new Outcome(target, null, StepOutcome.nothing());
    }

    /** Moves every shard off the leaving nodes, removes their peers, and only then shrinks. */
    private Outcome drain(Set<Integer> leaving, int current, int target) {
        List<Integer> marked = List.copyOf(leaving);
        if (world.consensus().isEmpty()) {
            return outcome(current, marked, scaling("waiting for a Qdrant node to answer before draining nodes "
                    + leaving, WAITING_FOR_QDRANT));
        }
        ConsensusObservation consensus = world.consensus().get();
        Map<Long, Integer> leavingPeers = new LinkedHashMap<>();
        Set<Long> remainingPeers = new TreeSet<>();
        for (NodeObservation node : world.nodes()) {
            if (node.peerId() == null) {
                continue;
            }
            if (leaving.contains(node.ordinal())) {
                leavingPeers.put(node.peerId(), node.ordinal());
            } else {
                remainingPeers.add(node.peerId());
            }
        }
        leavingPeers.keySet().removeIf(peer -> !consensus.peers().contains(peer));
        if (remainingPeers.isEmpty()) {
            return outcome(current, marked, scaling("waiting for nodes to report their peer ids before draining nodes "
                    + leaving, WAITING_FOR_QDRANT));
        }
        Set<Long> unaccounted = peersOwnedByNoPod(consensus, leavingPeers.keySet(), remainingPeers);
        List<Integer> unmappedLeaving = leaving.stream()
                .filter(o -> nodeAt(o).map(n -> n.peerId() == null).orElse(true)).toList();
        if (!unmappedLeaving.isEmpty() && !unaccounted.isEmpty()) {
            // One of these peers may be a leaving node whose pod is absent or silent: shrinking now could take
            // the only replica of its shards with it. Once every such peer is accounted for, or none is left in
            // consensus, leaving pods without a peer id (never started, or gone) no longer hold anything.
            return outcome(current, marked, scaling("waiting for peers " + unaccounted + " to be matched to a pod"
                    + " before draining nodes " + leaving + " (nodes " + unmappedLeaving + " report no peer id)",
                    WAITING_FOR_QDRANT));
        }
        if (consensus.pendingOperations() > 0) {
            // A change proposed earlier (perhaps one whose answer was lost) is still being committed: read again
            // once it is applied rather than propose it a second time.
            return outcome(current, marked, scaling("waiting for " + consensus.pendingOperations()
                    + " consensus operations to be applied before draining nodes " + leaving, IN_PROGRESS));
        }
        ShardDrainPlanner.DrainPlan plan = drainPlanner.plan(consensus.placements(), leavingPeers.keySet(),
                remainingPeers, dropAbortsPeerTransfers);
        if (!plan.drained()) {
            if (!plan.actions().isEmpty()) {
                actions.add(new PlannedAction.RunShardActions(plan.actions()));
            }
            return outcome(current, marked, scaling("moving shards off nodes " + leaving + " before removing them"
                    + plan.waitingSummary(), IN_PROGRESS));
        }
        leavingPeers.forEach((peer, ordinal) -> {
            actions.add(new PlannedAction.RemovePeer(peer, ordinal));
            actions.add(new PlannedAction.MarkClaimsOfRemovedPeer(ordinal, peer));
        });
        // A removal that landed although its answer was lost: the peer is gone, its volumes still need the mark.
        for (NodeObservation node : world.nodes()) {
            if (leaving.contains(node.ordinal()) && node.peerId() != null && !consensus.peers().contains(node.peerId())) {
                actions.add(new PlannedAction.MarkClaimsOfRemovedPeer(node.ordinal(), node.peerId()));
            }
        }
        boolean podsGone = leaving.stream().allMatch(o -> nodeAt(o).isEmpty());
        if (podsGone && leavingPeers.isEmpty()) {
            return new Outcome(target, null, new StepOutcome(actions, List.of(), Optional.empty(), List.of(), false));
        }
        return outcome(target, marked, scaling("removing drained nodes " + leaving, IN_PROGRESS));
    }

    /** Peers in consensus that no observed pod reports: pods that are absent, not started, or not answering. */
    private static Set<Long> peersOwnedByNoPod(ConsensusObservation consensus, Set<Long> leavingPeers,
                                               Set<Long> remainingPeers) {
        Set<Long> unaccounted = new TreeSet<>(consensus.peers());
        unaccounted.removeAll(leavingPeers);
        unaccounted.removeAll(remainingPeers);
        return unaccounted;
    }

    private static Progress scaling(String message, java.time.Duration lookAgain) {
        return new Progress(ClusterPhase.SCALING, message, lookAgain);
    }

    private Outcome outcome(int replicas, List<Integer> deleteInProgress, Progress progress) {
        return new Outcome(replicas, deleteInProgress, StepOutcome.of(actions, progress));
    }

    private Optional<NodeObservation> nodeAt(int ordinal) {
        return world.nodes().stream().filter(n -> n.ordinal() == ordinal).findFirst();
    }
}
