package io.qdranthybrid.operator.cluster;

import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantApi;
import io.qdranthybrid.operator.cluster.ClusterObservation.ConsensusObservation;
import io.qdranthybrid.operator.cluster.ClusterObservation.NodeObservation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.qdranthybrid.operator.cluster.ClusterLifecycle.IN_PROGRESS;
import static io.qdranthybrid.operator.cluster.ClusterLifecycle.WAITING_FOR_QDRANT;

/**
 * A pod annotated recreate-node is drained, removed from consensus, and started on a fresh volume: its shards move to
 * the other nodes first, so recreating it loses nothing; the only node of a cluster is never recreated. Pure:
 * observation in, plan fragment out.
 */
final class RecreateNodeDecision {

    private RecreateNodeDecision() {
    }

    /** @param dropAbortsPeerTransfers whether a Qdrant version that may run aborts a peer's transfers on drop_replica */
    static StepOutcome decide(ClusterObservation world, ShardDrainPlanner drainPlanner,
                              boolean dropAbortsPeerTransfers) {
        Optional<NodeObservation> marked = world.nodes().stream()
                .filter(n -> n.recreateRequested() && !n.terminating()).findFirst();
        if (marked.isEmpty()) {
            return StepOutcome.nothing();
        }
        NodeObservation node = marked.get();
        Progress recreating = new Progress(ClusterPhase.UPDATING, "recreating node " + node.podName(), IN_PROGRESS);
        if (world.consensus().isEmpty() || node.peerId() == null) {
            return StepOutcome.of(List.of(), new Progress(recreating.phase(), recreating.message(), WAITING_FOR_QDRANT));
        }
        ConsensusObservation consensus = world.consensus().get();
        Set<Long> others = world.nodes().stream().filter(n -> n != node && n.peerId() != null)
                .map(NodeObservation::peerId).collect(Collectors.toCollection(TreeSet::new));
        if (others.isEmpty()) {
            // A problem, not progress: nothing will happen until the user scales up, so the cluster is not
            // "Updating" and is not looked at again every 2 s; the reason and a Warning Event say what to do.
            return new StepOutcome(List.of(), List.of(new Problem("CannotRecreateOnlyNode", "pod " + node.podName(),
                    "not recreated: recreating the only node of a cluster would lose its data; scale up first, or"
                            + " remove its " + QdrantApi.Annotations.RECREATE_NODE + " annotation")), Optional.empty(),
                    List.of(), false);
        }
        if (consensus.pendingOperations() > 0) {
            return StepOutcome.of(List.of(), recreating); // an earlier change is still being committed
        }
        ShardDrainPlanner.DrainPlan plan = drainPlanner.plan(consensus.placements(), Set.of(node.peerId()), others,
                dropAbortsPeerTransfers);
        List<PlannedAction> actions = new ArrayList<>();
        if (!plan.drained()) {
            if (!plan.actions().isEmpty()) {
                actions.add(new PlannedAction.RunShardActions(plan.actions()));
            }
            return StepOutcome.of(actions, new Progress(recreating.phase(),
                    recreating.message() + plan.waitingSummary(), IN_PROGRESS));
        }
        if (consensus.peers().contains(node.peerId())) {
            actions.add(new PlannedAction.RemovePeer(node.peerId(), node.ordinal()));
        }
        actions.add(new PlannedAction.DeletePod(node.podName()));
        actions.add(new PlannedAction.DeleteClaims(node.ordinal()));
        return StepOutcome.of(actions, recreating);
    }
}
