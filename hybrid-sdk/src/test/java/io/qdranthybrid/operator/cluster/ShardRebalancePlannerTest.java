package io.qdranthybrid.operator.cluster;

import io.qdranthybrid.crd.RebalanceStrategy;
import io.qdranthybrid.qdrant.ReplicaState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ShardRebalancePlannerTest {

    @Test
    void newPeerReceivesShardsUntilCountsDifferByAtMostOne() {
        PlacementSimulation sim = new PlacementSimulation();
        for (int shard = 0; shard < 6; shard++) {
            sim.put("docs", shard, 1L + shard % 2, ReplicaState.ACTIVE, 100);
        }
        Set<Long> peers = Set.of(1L, 2L, 3L);

        for (int round = 0; round < 10; round++) {
            List<ShardAction> actions = ShardRebalancePlanner.plan(sim.placements(), peers, RebalanceStrategy.BY_COUNT);
            if (actions.isEmpty()) {
                break;
            }
            sim.apply(actions);
            sim.completeTransfers();
        }

        assertThat(sim.replicasOn(1L)).isEqualTo(2);
        assertThat(sim.replicasOn(2L)).isEqualTo(2);
        assertThat(sim.replicasOn(3L)).isEqualTo(2);
        assertThat(sim.violations()).isEmpty();
    }

    @Test
    void bySizeMovesTheShardThatBestClosesThePointsGap() {
        PlacementSimulation sim = new PlacementSimulation();
        sim.put("docs", 0, 1L, ReplicaState.ACTIVE, 1000);
        sim.put("docs", 1, 1L, ReplicaState.ACTIVE, 10);
        sim.put("docs", 2, 1L, ReplicaState.ACTIVE, 900);

        List<ShardAction> actions = ShardRebalancePlanner.plan(sim.placements(), Set.of(1L, 2L), RebalanceStrategy.BY_SIZE);

        assertThat(actions).containsExactly(new ShardAction.Move("docs", 0, 1L, 2L));
    }

    @Test
    void disabledOrBalancedOrBusyMeansNothingToDo() {
        PlacementSimulation sim = new PlacementSimulation();
        sim.put("docs", 0, 1L, ReplicaState.ACTIVE, 10);
        sim.put("docs", 1, 1L, ReplicaState.ACTIVE, 10);
        sim.put("docs", 2, 1L, ReplicaState.ACTIVE, 10);

        assertThat(ShardRebalancePlanner.plan(sim.placements(), Set.of(1L, 2L), RebalanceStrategy.DISABLED)).isEmpty();
        sim.apply(List.of(new ShardAction.Move("docs", 0, 1L, 2L)));
        assertThat(ShardRebalancePlanner.plan(sim.placements(), Set.of(1L, 2L), RebalanceStrategy.BY_COUNT)).isEmpty();
        sim.completeTransfers();
        assertThat(ShardRebalancePlanner.plan(sim.placements(), Set.of(1L, 2L), RebalanceStrategy.BY_COUNT)).isEmpty();
    }

    @Test
    void aCollectionQdrantIsReshardingIsNotRebalancedUntilItIsDone() {
        for (ReplicaState busy : new ReplicaState[] {ReplicaState.RESHARDING, ReplicaState.RESHARDING_SCALE_DOWN,
                ReplicaState.ACTIVE_READ, ReplicaState.RECOVERY}) {
            PlacementSimulation sim = new PlacementSimulation();
            sim.put("docs", 0, 1L, ReplicaState.ACTIVE, 10);
            sim.put("docs", 1, 1L, ReplicaState.ACTIVE, 10);
            sim.put("docs", 2, 1L, busy, 10);

            assertThat(ShardRebalancePlanner.plan(sim.placements(), Set.of(1L, 2L), RebalanceStrategy.BY_COUNT))
                    .as(busy.toString()).isEmpty();
        }
    }
}
