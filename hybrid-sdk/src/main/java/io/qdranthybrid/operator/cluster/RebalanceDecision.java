package io.qdranthybrid.operator.cluster;

import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.RebalanceStrategy;
import io.qdranthybrid.operator.cluster.ClusterObservation.ConsensusObservation;
import io.qdranthybrid.operator.cluster.ClusterObservation.NodeObservation;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.qdranthybrid.operator.cluster.ClusterLifecycle.IN_PROGRESS;

/**
 * Spreads shards over the nodes by spec.rebalanceStrategy once every node is up and consensus has nothing pending,
 * e.g. onto the nodes a scale-up added ({@link ShardRebalancePlanner}); the cluster shows Scaling while shards move.
 * Pure: observation in, plan fragment out.
 */
final class RebalanceDecision {

    private RebalanceDecision() {
    }

    static StepOutcome decide(ClusterObservation world) {
        if (world.consensus().isEmpty() || !world.allNodesUp() || world.consensus().get().pendingOperations() > 0) {
            return StepOutcome.nothing();
        }
        ConsensusObservation consensus = world.consensus().get();
        RebalanceStrategy strategy = world.cluster().getSpec().getRebalanceStrategy() == null
                ? RebalanceStrategy.BY_COUNT_AND_SIZE : world.cluster().getSpec().getRebalanceStrategy();
        Set<Long> peers = world.nodes().stream().map(NodeObservation::peerId).filter(p -> p != null)
                .collect(Collectors.toSet());
        List<ShardAction> moves = ShardRebalancePlanner.plan(consensus.placements(), peers, strategy);
        boolean transfersRunning = consensus.placements().stream().anyMatch(p -> !p.transfers().isEmpty());
        List<PlannedAction> actions = moves.isEmpty() ? List.of() : List.of(new PlannedAction.RunShardActions(moves));
        if (!moves.isEmpty() || transfersRunning) {
            return StepOutcome.of(actions, new Progress(ClusterPhase.SCALING,
                    "rebalancing shards (" + strategy.wireValue() + ")", IN_PROGRESS));
        }
        return StepOutcome.nothing();
    }
}
