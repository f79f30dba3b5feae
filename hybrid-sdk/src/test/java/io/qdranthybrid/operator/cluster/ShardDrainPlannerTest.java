package io.qdranthybrid.operator.cluster;

import io.qdranthybrid.operator.cluster.ShardDrainPlanner.DrainPlan;
import io.qdranthybrid.qdrant.ReplicaState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardDrainPlannerTest {

    private final ShardDrainPlanner planner = new ShardDrainPlanner(4);

    @Test
    void unreplicatedShardsOnTheLeavingPeerAreMovedNotDropped() {
        PlacementSimulation sim = new PlacementSimulation();
        sim.put("docs", 0, 1L, ReplicaState.ACTIVE, 100);
        sim.put("docs", 1, 2L, ReplicaState.ACTIVE, 100);
        sim.put("docs", 2, 3L, ReplicaState.ACTIVE, 100);

        DrainPlan plan = planner.plan(sim.placements(), Set.of(3L), Set.of(1L, 2L));

        assertThat(plan.drained()).isFalse();
        assertThat(plan.actions()).singleElement().isInstanceOfSatisfying(ShardAction.Move.class, move -> {
            assertThat(move.shardId()).isEqualTo(2);
            assertThat(move.fromPeer()).isEqualTo(3L);
            assertThat(move.toPeer()).isIn(1L, 2L);
        });
    }

    @Test
    void surplusReplicaIsDroppedWhenEveryRemainingPeerHasTheShard() {
        PlacementSimulation sim = new PlacementSimulation();
        sim.put("docs", 0, 1L, ReplicaState.ACTIVE, 100);
        sim.put("docs", 0, 2L, ReplicaState.ACTIVE, 100);

        DrainPlan plan = planner.plan(sim.placements(), Set.of(2L), Set.of(1L));

        assertThat(plan.actions()).containsExactly(new ShardAction.DropReplica("docs", 0, 2L));
    }

    /** Shard 0 has a surplus copy on the leaving peer 3; shard 1 lives only there and must move. */
    private static PlacementSimulation surplusAndUnique() {
        PlacementSimulation sim = new PlacementSimulation();
        sim.put("docs", 0, 1L, ReplicaState.ACTIVE, 100);
        sim.put("docs", 0, 2L, ReplicaState.ACTIVE, 100);
        sim.put("docs", 0, 3L, ReplicaState.ACTIVE, 100);
        sim.put("docs", 2, 3L, ReplicaState.ACTIVE, 100);
        sim.put("docs", 3, 3L, ReplicaState.ACTIVE, 100);
        return sim;
    }

    @Test
    void onOldQdrantADropNeverGoesAlongsideATransferOfTheSamePeerInTheCollection() {
        // v1.12 to v1.16.2: the drop would abort the moves of peer 3 in "docs".
        DrainPlan plan = planner.plan(surplusAndUnique().placements(), Set.of(3L), Set.of(1L, 2L), true);

        boolean drops = plan.actions().stream().anyMatch(a -> a instanceof ShardAction.DropReplica);
        boolean transfers = plan.actions().stream().anyMatch(a -> !(a instanceof ShardAction.DropReplica));
        assertThat(drops && transfers).as("drop and transfers of peer 3 together: " + plan.actions()).isFalse();
        assertThat(plan.actions()).filteredOn(a -> a instanceof ShardAction.DropReplica).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void onOldQdrantNoDropWhileATransferOfThatPeerRunsInTheCollection() {
        PlacementSimulation sim = surplusAndUnique();
        sim.apply(java.util.List.of(new ShardAction.Move("docs", 2, 3L, 1L)));

        DrainPlan plan = planner.plan(sim.placements(), Set.of(3L), Set.of(1L, 2L), true);

        assertThat(plan.actions()).noneMatch(a -> a instanceof ShardAction.DropReplica);
    }

    @Test
    void onFixedQdrantDropsAndTransfersGoTogether() {
        DrainPlan plan = planner.plan(surplusAndUnique().placements(), Set.of(3L), Set.of(1L, 2L), false);

        assertThat(plan.actions()).contains(new ShardAction.DropReplica("docs", 0, 3L));
        assertThat(plan.actions()).anyMatch(a -> a instanceof ShardAction.Move);
    }

    @Test
    void oldQdrantDrainStillEmptiesThePeer() {
        PlacementSimulation sim = surplusAndUnique();
        for (int round = 0; round < 20; round++) {
            DrainPlan plan = planner.plan(sim.placements(), Set.of(3L), Set.of(1L, 2L), true);
            if (plan.drained()) {
                break;
            }
            sim.apply(plan.actions());
            sim.completeTransfers();
        }
        assertThat(sim.replicasOn(3L)).isZero();
    }

    @Test
    void aShardQdrantIsStillChangingIsLeftAlone() {
        for (ReplicaState busy : new ReplicaState[] {ReplicaState.RECOVERY, ReplicaState.RESHARDING,
                ReplicaState.RESHARDING_SCALE_DOWN, ReplicaState.ACTIVE_READ, ReplicaState.PARTIAL_SNAPSHOT}) {
            PlacementSimulation sim = new PlacementSimulation();
            sim.put("docs", 0, 1L, busy, 100);
            sim.put("docs", 0, 2L, ReplicaState.ACTIVE, 100);

            DrainPlan plan = planner.plan(sim.placements(), Set.of(2L), Set.of(1L, 3L));

            assertThat(plan.actions()).as(busy.toString()).isEmpty();
            assertThat(plan.drained()).as(busy.toString()).isFalse();
            assertThat(plan.waiting()).as(busy.toString()).containsExactly("docs:0 (its replica on peer 1 is " + busy.wireValue() + ")");
        }
    }

    @Test
    void aReplicaInManualRecoveryOrAListenerIsReplacedFromAnActiveCopyThenDropped() {
        for (ReplicaState broken : new ReplicaState[] {ReplicaState.MANUAL_RECOVERY, ReplicaState.LISTENER, ReplicaState.DEAD}) {
            PlacementSimulation sim = new PlacementSimulation();
            sim.put("docs", 0, 1L, ReplicaState.ACTIVE, 100);
            sim.put("docs", 0, 2L, broken, 0);

            DrainPlan plan = planner.plan(sim.placements(), Set.of(2L), Set.of(1L, 3L));
            assertThat(plan.actions()).as(broken.toString()).containsExactly(new ShardAction.Replicate("docs", 0, 1L, 3L));

            PlacementSimulation full = new PlacementSimulation();
            full.put("docs", 0, 1L, ReplicaState.ACTIVE, 100);
            full.put("docs", 0, 2L, broken, 0);
            full.put("docs", 0, 3L, ReplicaState.ACTIVE, 100);
            assertThat(planner.plan(full.placements(), Set.of(2L), Set.of(1L, 3L)).actions()).as(broken.toString())
                    .containsExactly(new ShardAction.DropReplica("docs", 0, 2L));
        }
    }

    @Test
    void theOnlyCopyInManualRecoveryIsNeverDroppedNorMoved() {
        PlacementSimulation sim = new PlacementSimulation();
        sim.put("docs", 0, 2L, ReplicaState.MANUAL_RECOVERY, 100);

        DrainPlan plan = planner.plan(sim.placements(), Set.of(2L), Set.of(1L));

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.drained()).isFalse();
        assertThat(plan.waiting()).containsExactly("docs:0 (no Active replica to copy from or to keep: 2=ManualRecovery)");
    }

    @Test
    void aListenerOrManualRecoveryReplicaOnTheRemainingPeerIsNoCopySoTheLeavingActiveOneStays() {
        for (ReplicaState noCopy : new ReplicaState[] {ReplicaState.LISTENER, ReplicaState.MANUAL_RECOVERY}) {
            PlacementSimulation sim = new PlacementSimulation();
            sim.put("docs", 0, 1L, noCopy, 100);
            sim.put("docs", 0, 2L, ReplicaState.ACTIVE, 100);

            DrainPlan plan = planner.plan(sim.placements(), Set.of(2L), Set.of(1L));

            assertThat(plan.actions()).as(noCopy.toString()).isEmpty();
            assertThat(plan.drained()).as(noCopy.toString()).isFalse();
            assertThat(plan.waiting()).as(noCopy.toString()).singleElement().asString()
                    .startsWith("docs:0 (every remaining peer holds it, none as an Active copy:")
                    .contains("1=" + noCopy.wireValue(), "2=Active");
        }
    }

    @Test
    void lastActiveReplicaIsNeverDroppedEvenIfOthersExistButAreDead() {
        PlacementSimulation sim = new PlacementSimulation();
        sim.put("docs", 0, 1L, ReplicaState.DEAD, 100);
        sim.put("docs", 0, 2L, ReplicaState.ACTIVE, 100);

        DrainPlan plan = planner.plan(sim.placements(), Set.of(2L), Set.of(1L));

        assertThat(plan.actions()).noneMatch(a -> a instanceof ShardAction.DropReplica);
        assertThat(plan.drained()).isFalse();
    }

    @Test
    void notDrainedWhileATransferOfTheShardIsRunning() {
        PlacementSimulation sim = new PlacementSimulation();
        sim.put("docs", 0, 2L, ReplicaState.ACTIVE, 100);
        sim.apply(java.util.List.of(new ShardAction.Move("docs", 0, 2L, 1L)));

        DrainPlan plan = planner.plan(sim.placements(), Set.of(2L), Set.of(1L));

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.drained()).isFalse();
        sim.completeTransfers();
        assertThat(planner.plan(sim.placements(), Set.of(2L), Set.of(1L)).drained()).isTrue();
    }

    @Test
    void concurrentTransfersAreBounded() {
        PlacementSimulation sim = new PlacementSimulation();
        for (int shard = 0; shard < 10; shard++) {
            sim.put("docs", shard, 9L, ReplicaState.ACTIVE, 10);
        }

        DrainPlan plan = new ShardDrainPlanner(3).plan(sim.placements(), Set.of(9L), Set.of(1L, 2L));

        assertThat(plan.actions()).hasSize(3);
    }

    @Test
    void drainingEveryPeerIsRefused() {
        assertThatThrownBy(() -> planner.plan(java.util.List.of(), Set.of(1L), Set.of()))
                .hasMessageContaining("at least one must remain");
    }

    /** {@code -Dqdrant.drain.seed=N} replays one scenario of {@link #randomScaleDownsDrainCompletelyWithoutEverLosingALastReplica}. */
    private static final String SEED_PROPERTY = "qdrant.drain.seed";

    static LongStream scenarioSeeds() {
        Long replay = Long.getLong(SEED_PROPERTY);
        return replay != null ? LongStream.of(replay) : new SplittableRandom().longs(25);
    }

    /**
     * Random placements drained by a planner that is asked again while a random part of its earlier transfers is
     * still running, on Qdrant versions with and without the drop that aborts transfers.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("scenarioSeeds")
    void randomScaleDownsDrainCompletelyWithoutEverLosingALastReplica(long seed) {
        String replay = "seed " + seed + " (replay: -D" + SEED_PROPERTY + "=" + seed + ")";
        Random random = new Random(seed);
        int peers = 2 + random.nextInt(5);
        int leaving = 1 + random.nextInt(peers - 1);
        boolean dropAbortsPeerTransfers = random.nextBoolean();
        int maxConcurrentTransfers = 1 + random.nextInt(4);
        PlacementSimulation sim = new PlacementSimulation(dropAbortsPeerTransfers);
        for (int c = 0; c < 1 + random.nextInt(3); c++) {
            int shards = 1 + random.nextInt(6);
            int replicationFactor = 1 + random.nextInt(Math.min(3, peers));
            for (int shard = 0; shard < shards; shard++) {
                int first = random.nextInt(peers);
                for (int r = 0; r < replicationFactor; r++) {
                    sim.put("c" + c, shard, 1L + (first + r) % peers, ReplicaState.ACTIVE, 1 + random.nextInt(1000));
                }
            }
        }
        Set<Long> remaining = new java.util.TreeSet<>();
        Set<Long> leavingPeers = new java.util.TreeSet<>();
        for (long p = 1; p <= peers; p++) {
            (p <= peers - leaving ? remaining : leavingPeers).add(p);
        }
        ShardDrainPlanner bounded = new ShardDrainPlanner(maxConcurrentTransfers);

        boolean drained = false;
        int mostInFlight = 0;
        for (int step = 0; step < 500 && !drained; step++) {
            DrainPlan plan = bounded.plan(sim.placements(), leavingPeers, remaining, dropAbortsPeerTransfers);
            drained = plan.drained();
            sim.apply(plan.actions());
            mostInFlight = Math.max(mostInFlight, sim.transfersInFlight());
            sim.completeSomeTransfers(random);
        }

        assertThat(sim.violations()).as(replay).isEmpty();
        assertThat(mostInFlight).as(replay + " transfers at once").isLessThanOrEqualTo(maxConcurrentTransfers);
        assertThat(drained).as(replay + " drained").isTrue();
        leavingPeers.forEach(p -> assertThat(sim.replicasOn(p)).as(replay + " peer " + p).isZero());
    }
}
