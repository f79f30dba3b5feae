package io.qdranthybrid.operator.cluster;

import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.Pause;
import io.qdranthybrid.crd.QdrantApi;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterStatus;
import io.qdranthybrid.operator.cluster.ClusterObservation.ClaimObservation;
import io.qdranthybrid.operator.cluster.ClusterObservation.ConsensusObservation;
import io.qdranthybrid.operator.cluster.ClusterObservation.NodeObservation;
import io.qdranthybrid.operator.cluster.ClusterObservation.StatefulSetObservation;
import io.qdranthybrid.qdrant.CollectionPlacement;
import io.qdranthybrid.qdrant.ReplicaState;
import io.qdranthybrid.qdrant.ShardReplica;
import io.qdranthybrid.reconcile.Conditions;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterLifecycleTest {

    private final ClusterLifecycle lifecycle = new ClusterLifecycle(OperatorDefaults.hybrid(),
            Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC), 4);

    @Test
    void newClusterIsCreatedAtItsSizeAndVersion() {
        QdrantCluster cluster = cluster(3, "v1.12.3");

        ClusterPlan plan = lifecycle.plan(new World(cluster).observe());

        assertThat(plan.apply()).hasValueSatisfying(ctx -> {
            assertThat(ctx.replicas()).isEqualTo(3);
            assertThat(ctx.runningVersion()).isEqualTo("v1.12.3");
        });
        assertThat(plan.status().getPhase()).isEqualTo(ClusterPhase.CREATING);
        assertThat(plan.status().getVersion()).isEqualTo("v1.12.3");
        assertThat(plan.status().getSelector()).isEqualTo("app=qdrant,cluster-id=demo");
        assertThat(plan.requeueAfter()).isPresent();
    }

    @Test
    void whilePodsAreStillComingUpPodEventsWakeTheOperatorAndTheTimerIsOnlyASafetyNet() {
        World starting = new World(cluster(3, "v1.12.3")).healthy(3).neverStarted(2)
                .status(ClusterPhase.CREATING, "v1.12.3");

        assertThat(lifecycle.plan(starting.observe()).requeueAfter()).contains(ClusterLifecycle.WAITING_FOR_PODS);
    }

    @Test
    void onceEveryPodIsReadyConsensusIsPolledPromptly() {
        World joining = new World(cluster(3, "v1.12.3")).healthy(3).noConsensus().status(ClusterPhase.CREATING, "v1.12.3");

        ClusterPlan plan = lifecycle.plan(joining.observe());

        assertThat(plan.status().getPhase()).isEqualTo(ClusterPhase.CREATING);
        assertThat(plan.requeueAfter()).contains(ClusterLifecycle.IN_PROGRESS);
    }

    @Test
    void everyNodeReadyAndInConsensusIsHealthyWithNothingToDo() {
        World world = new World(cluster(3, "v1.12.3")).healthy(3).status(ClusterPhase.CREATING, "v1.12.3");

        ClusterPlan plan = lifecycle.plan(world.observe());

        assertThat(plan.status().getPhase()).isEqualTo(ClusterPhase.HEALTHY);
        assertThat(plan.actions()).isEmpty();
        assertThat(plan.requeueAfter()).isEmpty();
        assertThat(plan.status().getCurrentNodes()).isEqualTo(3);
        assertThat(plan.status().getAvailableNodeIndexes()).containsExactly(0, 1, 2);
        assertThat(Conditions.isTrue(plan.status().getConditions(), ClusterLifecycle.CONDITION_ACCEPTING_CONNECTION)).isTrue();
        assertThat(Conditions.isTrue(plan.status().getConditions(), ClusterLifecycle.CONDITION_PROGRESSING)).isFalse();
    }

    @Test
    void aChangeThatNeedsNewPodsIsUpdatingFromTheReconcileThatWritesTheTemplate() {
        QdrantCluster before = cluster(3, "v1.12.3");
        QdrantCluster after = cluster(3, "v1.12.3");
        after.getSpec().getResources().setMemory("4Gi");

        ClusterPlan unchanged = lifecycle.plan(new World(before).healthy(3).status(ClusterPhase.HEALTHY, "v1.12.3")
                .liveTemplateOf(before, 3).observe());
        ClusterPlan changed = lifecycle.plan(new World(after).healthy(3).status(ClusterPhase.HEALTHY, "v1.12.3")
                .liveTemplateOf(before, 3).observe());

        assertThat(unchanged.status().getPhase()).isEqualTo(ClusterPhase.HEALTHY);
        assertThat(changed.status().getPhase()).isEqualTo(ClusterPhase.UPDATING);
        assertThat(changed.status().getReason()).contains("new pod template");
        assertThat(changed.apply()).isPresent();
        assertThat(changed.requeueAfter()).isPresent();
    }

    @Test
    void aPausedClusterIsNotTouched() {
        QdrantCluster cluster = cluster(3, "v1.12.3");
        Pause pause = new Pause();
        pause.setOwner("sre");
        pause.setReason("disk check");
        cluster.getSpec().setPauses(List.of(pause));
        cluster.getSpec().setSize(1);

        ClusterPlan plan = lifecycle.plan(new World(cluster).healthy(3).observe());

        assertThat(plan.status().getPhase()).isEqualTo(ClusterPhase.MANUAL_MAINTENANCE);
        assertThat(plan.status().getReason()).contains("sre").contains("disk check");
        assertThat(plan.apply()).isEmpty();
        assertThat(plan.actions()).isEmpty();
    }

    @Test
    void invalidSpecFailsWithAConditionNamingTheField() {
        QdrantCluster fresh = cluster(0, "v1.12.3");
        ClusterPlan create = lifecycle.plan(new World(fresh).observe());
        assertThat(create.status().getPhase()).isEqualTo(ClusterPhase.FAILED_TO_CREATE);
        assertThat(create.apply()).isEmpty();
        assertThat(Conditions.find(create.status().getConditions(), ClusterLifecycle.CONDITION_VALID))
                .hasValueSatisfying(c -> {
                    assertThat(c.getStatus()).isEqualTo("False");
                    assertThat(c.getMessage()).contains("spec.size");
                });

        QdrantCluster shrunk = cluster(3, "v1.12.3");
        shrunk.getSpec().getResources().setStorage("5Gi");
        ClusterPlan update = lifecycle.plan(new World(shrunk).healthy(3).observe());
        assertThat(update.status().getPhase()).isEqualTo(ClusterPhase.FAILED_TO_UPDATE);
        assertThat(update.status().getReason()).contains("spec.resources.storage").contains("cannot shrink from 20Gi to 5Gi");
        assertThat(update.actions()).isEmpty();
    }

    @Test
    void scaleDownMovesShardsBeforeRemovingPeers() {
        World world = new World(cluster(1, "v1.12.3")).healthy(3).status(ClusterPhase.HEALTHY, "v1.12.3")
                .shard("docs", 0, 101L).shard("docs", 1, 102L).shard("docs", 2, 103L);

        ClusterPlan plan = lifecycle.plan(world.observe());

        assertThat(plan.status().getPhase()).isEqualTo(ClusterPhase.SCALING);
        assertThat(plan.status().getDeleteInProgressNodeIndexes()).containsExactly(1, 2);
        assertThat(plan.apply().orElseThrow().replicas()).as("not shrunk before drained").isEqualTo(3);
        assertThat(plan.actions()).singleElement().isInstanceOfSatisfying(PlannedAction.RunShardActions.class,
                run -> assertThat(run.actions()).containsExactlyInAnyOrder(
                        new ShardAction.Move("docs", 1, 102L, 101L), new ShardAction.Move("docs", 2, 103L, 101L)));
        assertThat(plan.actions()).noneMatch(a -> a instanceof PlannedAction.RemovePeer);
    }

    @Test
    void drainedPeersAreRemovedFromConsensusAndOnlyThenTheStatefulSetShrinks() {
        World world = new World(cluster(1, "v1.12.3")).healthy(3).status(ClusterPhase.SCALING, "v1.12.3")
                .deleting(1, 2).shard("docs", 0, 101L).shard("docs", 1, 101L);

        ClusterPlan plan = lifecycle.plan(world.observe());

        assertThat(plan.actions()).contains(new PlannedAction.RemovePeer(102L, 1), new PlannedAction.RemovePeer(103L, 2),
                new PlannedAction.MarkClaimsOfRemovedPeer(1, 102L));
        assertThat(plan.apply().orElseThrow().replicas()).isEqualTo(1);

        World done = new World(cluster(1, "v1.12.3")).healthy(1).status(ClusterPhase.SCALING, "v1.12.3")
                .deleting(1, 2).shard("docs", 0, 101L).shard("docs", 1, 101L);
        ClusterPlan after = lifecycle.plan(done.observe());
        assertThat(after.status().getDeleteInProgressNodeIndexes()).isNull();
        assertThat(after.status().getPhase()).isEqualTo(ClusterPhase.HEALTHY);
    }

    @Test
    void scaleDownWaitsWhenNoQdrantNodeAnswers() {
        World world = new World(cluster(1, "v1.12.3")).healthy(3).status(ClusterPhase.HEALTHY, "v1.12.3").noConsensus();

        ClusterPlan plan = lifecycle.plan(world.observe());

        assertThat(plan.apply().orElseThrow().replicas()).isEqualTo(3);
        assertThat(plan.actions()).isEmpty();
        assertThat(plan.status().getReason()).contains("waiting for a Qdrant node");
    }

    @Test
    void scaleDownNeverShrinksWhileALeavingPeerWhosePodIsMomentarilyAbsentIsStillInConsensus() {
        // Pod 2 is being re-created (eviction): its peer 103 still holds shard 1, possibly its only replica.
        World world = new World(cluster(1, "v1.12.3")).healthy(3).status(ClusterPhase.SCALING, "v1.12.3")
                .deleting(1, 2).absent(2).shard("docs", 0, 101L).shard("docs", 1, 103L);

        ClusterPlan plan = lifecycle.plan(world.observe());

        assertThat(plan.apply().orElseThrow().replicas()).as("not shrunk while peer 103 is in consensus").isEqualTo(3);
        assertThat(plan.actions()).noneMatch(a -> a instanceof PlannedAction.RemovePeer);
        assertThat(plan.status().getDeleteInProgressNodeIndexes()).containsExactly(1, 2);
        assertThat(plan.status().getReason()).contains("103");

        World back = new World(cluster(1, "v1.12.3")).healthy(3).status(ClusterPhase.SCALING, "v1.12.3")
                .deleting(1, 2).shard("docs", 0, 101L).shard("docs", 1, 103L);
        assertThat(lifecycle.plan(back.observe()).actions()).singleElement()
                .isInstanceOfSatisfying(PlannedAction.RunShardActions.class, run -> assertThat(run.actions())
                        .containsExactly(new ShardAction.Move("docs", 1, 103L, 101L)));
    }

    @Test
    void scaleDownOfNodesThatNeverStartedFinishesWithoutWaitingForTheirPeerIds() {
        // Scaled 1 -> 3 with unschedulable pods, then back to 1: pods 1 and 2 never joined consensus.
        World pending = new World(cluster(1, "v1.12.3")).healthy(3).status(ClusterPhase.SCALING, "v1.12.3")
                .neverStarted(1, 2).shard("docs", 0, 101L);

        ClusterPlan plan = lifecycle.plan(pending.observe());

        assertThat(plan.apply().orElseThrow().replicas()).isEqualTo(1);
        assertThat(plan.actions()).noneMatch(a -> a instanceof PlannedAction.RemovePeer);
        assertThat(plan.status().getDeleteInProgressNodeIndexes()).containsExactly(1, 2);

        World gone = new World(cluster(1, "v1.12.3")).healthy(1).status(ClusterPhase.SCALING, "v1.12.3")
                .deleting(1, 2).shard("docs", 0, 101L);
        assertThat(lifecycle.plan(gone.observe()).status().getDeleteInProgressNodeIndexes()).isNull();
    }

    @Test
    void scaleDownWaitsWhenALeavingPodHasNoPeerIdButAnUnmatchedPeerIsInConsensus() {
        // Pod 2 runs but does not answer; its peer 103 is still in consensus, so it may hold data.
        World world = new World(cluster(1, "v1.12.3")).healthy(3).status(ClusterPhase.SCALING, "v1.12.3")
                .deleting(1, 2).silent(2).shard("docs", 0, 101L);

        ClusterPlan plan = lifecycle.plan(world.observe());

        assertThat(plan.apply().orElseThrow().replicas()).isEqualTo(3);
        assertThat(plan.actions()).noneMatch(a -> a instanceof PlannedAction.RemovePeer);
    }

    @Test
    void scaleUpStartsStaleNodesOnFreshVolumesAndThenRebalances() {
        World world = new World(cluster(3, "v1.12.3")).healthy(1).status(ClusterPhase.HEALTHY, "v1.12.3")
                .removedPeerClaim(1).removedPeerClaim(2);

        ClusterPlan plan = lifecycle.plan(world.observe());

        assertThat(plan.actions()).containsExactly(new PlannedAction.DeleteClaims(1), new PlannedAction.DeleteClaims(2));
        assertThat(plan.apply().orElseThrow().replicas()).isEqualTo(3);
        assertThat(plan.status().getPhase()).isEqualTo(ClusterPhase.SCALING);

        World grown = new World(cluster(3, "v1.12.3")).healthy(3).status(ClusterPhase.SCALING, "v1.12.3")
                .shard("docs", 0, 101L).shard("docs", 1, 101L).shard("docs", 2, 101L);
        ClusterPlan rebalance = lifecycle.plan(grown.observe());
        assertThat(rebalance.actions()).singleElement().isInstanceOf(PlannedAction.RunShardActions.class);
        assertThat(rebalance.status().getPhase()).isEqualTo(ClusterPhase.SCALING);
    }

    @Test
    void upgradeStepsOneMinorVersionAtATime() {
        World world = new World(cluster(3, "v1.13.0")).healthy(3).status(ClusterPhase.HEALTHY, "v1.11.3");

        ClusterPlan plan = lifecycle.plan(world.observe());

        assertThat(plan.status().getVersion()).isEqualTo("v1.12.0");
        assertThat(plan.apply().orElseThrow().runningVersion()).isEqualTo("v1.12.0");
        assertThat(plan.status().getPhase()).isEqualTo(ClusterPhase.UPGRADING);
        assertThat(plan.status().getReason()).contains("on the way to v1.13.0");
    }

    @Test
    void upgradeWaitsForTheRolloutBeforeTheNextStep() {
        World rolling = new World(cluster(3, "v1.13.0")).healthy(3).status(ClusterPhase.UPGRADING, "v1.12.0")
                .revisions("new", "old", "old", "new").replicatedShards();

        ClusterPlan plan = lifecycle.plan(rolling.observe());

        assertThat(plan.status().getVersion()).isEqualTo("v1.12.0");
        assertThat(plan.actions()).containsExactly(new PlannedAction.DeletePod("qdrant-demo-1"));
        assertThat(plan.status().getPhase()).isEqualTo(ClusterPhase.UPGRADING);
    }

    @Test
    void aRestartedPodReadyOnlyAMomentAgoDoesNotYetCountAsBack() {
        Instant now = Instant.parse("2026-11-24T10:00:00Z");
        World justBack = new World(cluster(3, "v1.13.0")).healthy(3).status(ClusterPhase.UPGRADING, "v1.12.0")
                .revisions("new", "old", "old", "new").replicatedShards().readySince(2, now.minusMillis(500));
        World stable = new World(cluster(3, "v1.13.0")).healthy(3).status(ClusterPhase.UPGRADING, "v1.12.0")
                .revisions("new", "old", "old", "new").replicatedShards()
                .readySince(2, now.minus(ClusterLifecycle.MIN_READY));

        ClusterPlan waiting = lifecycle.plan(justBack.observe());

        assertThat(waiting.actions()).as("pod 2 may flap back to NotReady").isEmpty();
        assertThat(waiting.status().getPhase()).isEqualTo(ClusterPhase.UPGRADING);
        assertThat(waiting.requeueAfter()).isPresent();
        assertThat(lifecycle.plan(stable.observe()).actions()).containsExactly(new PlannedAction.DeletePod("qdrant-demo-1"));
    }

    @Test
    void anUpgradeAcrossAMajorVersionIsRefusedWithAConditionAndTouchesNothing() {
        QdrantCluster cluster = cluster(3, "v2.0.0");
        World world = new World(cluster).healthy(3).status(ClusterPhase.HEALTHY, "v1.12.3");

        ClusterPlan plan = lifecycle.plan(world.observe());

        assertRefused(plan, "changes the major version");
    }

    @Test
    void aDowngradeAcrossAMinorVersionIsRefusedWithAConditionAndTouchesNothing() {
        QdrantCluster cluster = cluster(3, "v1.11.3");
        World world = new World(cluster).healthy(3).status(ClusterPhase.HEALTHY, "v1.12.3");

        ClusterPlan plan = lifecycle.plan(world.observe());

        assertRefused(plan, "crosses a minor version");
    }

    private static void assertRefused(ClusterPlan plan, String why) {
        assertThat(plan.status().getPhase()).isEqualTo(ClusterPhase.FAILED_TO_UPDATE);
        assertThat(plan.status().getVersion()).as("still the running version").isEqualTo("v1.12.3");
        assertThat(plan.status().getReason()).contains(why);
        assertThat(Conditions.find(plan.status().getConditions(), ClusterLifecycle.CONDITION_PROGRESSING))
                .hasValueSatisfying(c -> {
                    assertThat(c.getStatus()).isEqualTo("False");
                    assertThat(c.getReason()).isEqualTo("UpgradePathRefused");
                    assertThat(c.getMessage()).contains(why);
                });
        assertThat(plan.apply()).as("no new template").isEmpty();
        assertThat(plan.actions()).isEmpty();
    }

    @Test
    void rollingRestartTakesOnePodAtATimeWhenCollectionsAreReplicated() {
        World world = new World(cluster(3, "v1.12.3")).healthy(3).status(ClusterPhase.HEALTHY, "v1.12.3")
                .revisions("new", "old", "old", "old").replicatedShards();

        ClusterPlan plan = lifecycle.plan(world.observe());

        assertThat(plan.actions()).containsExactly(new PlannedAction.DeletePod("qdrant-demo-2"));
        assertThat(plan.status().getPhase()).isEqualTo(ClusterPhase.UPDATING);
    }

    @Test
    void noPodIsRestartedWhileConsensusHasNoLeader() {
        World world = new World(cluster(3, "v1.12.3")).healthy(3).status(ClusterPhase.UPDATING, "v1.12.3")
                .revisions("new", "old", "old", "old").replicatedShards().noLeader();

        ClusterPlan plan = lifecycle.plan(world.observe());

        assertThat(plan.actions()).noneMatch(a -> a instanceof PlannedAction.DeletePod);
        assertThat(plan.status().getPhase()).isEqualTo(ClusterPhase.UPDATING);
    }

    @Test
    void aReadyPodWhoseNodeIsCutOffFromItsPeersHoldsTheRollingRestartAndIsNotHealthy() {
        World cut = new World(cluster(3, "v1.12.3")).healthy(3).status(ClusterPhase.HEALTHY, "v1.12.3")
                .revisions("new", "new", "old", "old").replicatedShards().cutOff(0);

        assertThat(lifecycle.plan(cut.observe()).actions()).noneMatch(a -> a instanceof PlannedAction.DeletePod);
        World settledButCut = new World(cluster(3, "v1.12.3")).healthy(3).status(ClusterPhase.HEALTHY, "v1.12.3")
                .cutOff(1);
        assertThat(lifecycle.plan(settledButCut.observe()).status().getPhase()).isNotEqualTo(ClusterPhase.HEALTHY);
    }

    @Test
    void drainWaitsWhileAnEarlierChangeIsStillBeingCommitted() {
        World world = new World(cluster(1, "v1.17.0")).healthy(3).status(ClusterPhase.SCALING, "v1.17.0")
                .deleting(1, 2).shard("docs", 0, 101L).shard("docs", 1, 102L).pendingOperations(1);

        ClusterPlan plan = lifecycle.plan(world.observe());

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.status().getReason()).contains("consensus operations to be applied");
        assertThat(plan.apply().orElseThrow().replicas()).isEqualTo(3);
    }

    @Test
    void aPeerRemovalThatLandedUnansweredStillMarksTheVolumes() {
        World world = new World(cluster(2, "v1.17.0")).healthy(3).status(ClusterPhase.SCALING, "v1.17.0")
                .deleting(2).shard("docs", 0, 101L).shard("docs", 1, 102L).removedFromConsensus(2);

        ClusterPlan plan = lifecycle.plan(world.observe());

        assertThat(plan.actions()).contains(new PlannedAction.MarkClaimsOfRemovedPeer(2, 103L));
        assertThat(plan.actions()).noneMatch(a -> a instanceof PlannedAction.RemovePeer);
    }

    @Test
    void unreplicatedClusterRestartsAllPodsAtOnce() {
        World world = new World(cluster(3, "v1.12.3")).healthy(3).status(ClusterPhase.HEALTHY, "v1.12.3")
                .revisions("new", "old", "old", "old").shard("docs", 0, 101L);

        ClusterPlan plan = lifecycle.plan(world.observe());

        assertThat(plan.actions()).hasSize(3).allMatch(a -> a instanceof PlannedAction.DeletePod);
        assertThat(Conditions.find(plan.status().getConditions(), ClusterLifecycle.CONDITION_PROGRESSING))
                .hasValueSatisfying(c -> {
                    assertThat(c.getReason()).isEqualTo(ClusterLifecycle.RESTARTING_ALL_AT_ONCE);
                    assertThat(c.getMessage()).startsWith("all 3 nodes: restarting at once, so the cluster is"
                            + " unavailable until they are back: no collection is replicated");
                });
        assertThat(plan.problems()).extracting(Problem::reason).containsExactly(ClusterLifecycle.RESTARTING_ALL_AT_ONCE);
    }

    @Test
    void aRestartAllAtOnceAskedForInTheSpecSaysSo() {
        QdrantCluster asked = cluster(3, "v1.12.3");
        asked.getSpec().setRestartAllPodsConcurrently(true);
        World world = new World(asked).healthy(3).status(ClusterPhase.HEALTHY, "v1.12.3")
                .revisions("new", "old", "old", "old").shard("docs", 0, 101L).shard("docs", 0, 102L);

        ClusterPlan plan = lifecycle.plan(world.observe());

        assertThat(plan.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .endsWith("spec.restartAllPodsConcurrently is true"));
    }

    @Test
    void aRollingRestartIsNoProblem() {
        World world = new World(cluster(3, "v1.12.3")).healthy(3).status(ClusterPhase.HEALTHY, "v1.12.3")
                .revisions("new", "old", "old", "old").shard("docs", 0, 101L).shard("docs", 0, 102L);

        ClusterPlan plan = lifecycle.plan(world.observe());

        assertThat(plan.problems()).isEmpty();
        assertThat(Conditions.find(plan.status().getConditions(), ClusterLifecycle.CONDITION_PROGRESSING))
                .hasValueSatisfying(c -> assertThat(c.getMessage()).isEqualTo("rolling restart"));
    }

    @Test
    void anUnschedulableNodeIsNamedPerNodeInTheConditionAndSummarisedInTheReason() {
        World world = new World(cluster(3, "v1.12.3")).healthy(2).status(ClusterPhase.CREATING, "v1.12.3")
                .trouble(2, new PodTrouble.Unschedulable("0/3 nodes are available: 3 Insufficient cpu."));

        ClusterPlan plan = lifecycle.plan(world.observe());

        assertThat(plan.status().getReason()).startsWith("1 of 3 nodes cannot be scheduled: 0/3 nodes are available:"
                + " 3 Insufficient cpu.; add capacity or lower resources; ");
        assertThat(plan.status().getNodes().get("qdrant-demo-2").getPodReason()).isEqualTo("Unschedulable");
        assertThat(plan.status().getNodes().get("qdrant-demo-0").getPodReason()).isNull();
        assertThat(Conditions.find(plan.status().getConditions(), ClusterLifecycle.CONDITION_NODES))
                .hasValueSatisfying(c -> {
                    assertThat(c.getStatus()).isEqualTo("False");
                    assertThat(c.getMessage()).isEqualTo("qdrant-demo-2: cannot be scheduled: 0/3 nodes are available:"
                            + " 3 Insufficient cpu.; add capacity or lower resources");
                });
        assertThat(plan.newProblems(world.observe().cluster().getStatus())).hasSize(1);
        assertThat(plan.newProblems(plan.status())).as("once written, the same problem is not new").isEmpty();

        ClusterPlan fixed = lifecycle.plan(new World(cluster(3, "v1.12.3")).healthy(3)
                .status(ClusterPhase.CREATING, "v1.12.3").observe());
        assertThat(Conditions.find(fixed.status().getConditions(), ClusterLifecycle.CONDITION_NODES)).isEmpty();
    }

    @Test
    void snapshotVolumesOnAClassWithoutExpansionAreLeftAloneAndNamedWhileTheDatabaseGrows() {
        QdrantCluster bigger = cluster(3, "v1.12.3");
        bigger.getSpec().getResources().setStorage("50Gi");

        ClusterPlan plan = lifecycle.plan(new World(bigger).healthy(3).status(ClusterPhase.HEALTHY, "v1.12.3")
                .snapshotsNotExpandable().observe());

        assertThat(plan.actions()).containsExactlyInAnyOrder(
                new PlannedAction.ResizeClaim("qdrant-storage-qdrant-demo-0", "50Gi"),
                new PlannedAction.ResizeClaim("qdrant-storage-qdrant-demo-1", "50Gi"),
                new PlannedAction.ResizeClaim("qdrant-storage-qdrant-demo-2", "50Gi"));
        assertThat(Conditions.find(plan.status().getConditions(), ClusterLifecycle.CONDITION_STORAGE))
                .hasValueSatisfying(c -> {
                    assertThat(c.getReason()).isEqualTo("SnapshotVolumesNotExpandable");
                    assertThat(c.getMessage()).startsWith("snapshot volumes qdrant-snapshots-qdrant-demo-0, "
                            + "qdrant-snapshots-qdrant-demo-1, qdrant-snapshots-qdrant-demo-2: not grown to 50Gi: "
                            + "StorageClass local-path does not allow volume expansion");
                });
        assertThat(plan.status().getReason()).contains("snapshot volumes qdrant-snapshots-qdrant-demo-0");
    }

    @Test
    void storageGrowsInPlaceThenTheStatefulSetTemplateFollows() {
        QdrantCluster bigger = cluster(3, "v1.12.3");
        bigger.getSpec().getResources().setStorage("50Gi");

        ClusterPlan resize = lifecycle.plan(new World(bigger).healthy(3).status(ClusterPhase.HEALTHY, "v1.12.3").observe());
        assertThat(resize.actions()).contains(new PlannedAction.ResizeClaim("qdrant-storage-qdrant-demo-0", "50Gi"),
                new PlannedAction.ResizeClaim("qdrant-snapshots-qdrant-demo-2", "50Gi"));
        assertThat(resize.status().getPhase()).isEqualTo(ClusterPhase.UPDATING);

        World resized = new World(bigger).healthy(3).status(ClusterPhase.UPDATING, "v1.12.3").claims("50Gi");
        ClusterPlan recreate = lifecycle.plan(resized.observe());
        assertThat(recreate.actions()).containsExactly(new PlannedAction.OrphanStatefulSet());
    }

    // A real API server stores 20480Mi as 20Gi (k8s.io/apimachinery/pkg/api/resource/quantity.go): comparing the
    // text would recreate the StatefulSet on every reconcile.
    @Test
    void storageWrittenInAnotherUnitThanTheServerStoresItIsNotAChange() {
        QdrantCluster same = cluster(3, "v1.12.3");
        same.getSpec().getResources().setStorage("20480Mi");

        ClusterPlan plan = lifecycle.plan(new World(same).healthy(3).status(ClusterPhase.HEALTHY, "v1.12.3").observe());

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.status().getPhase()).isEqualTo(ClusterPhase.HEALTHY);
    }

    @Test
    void storageClassWithoutExpansionIsReportedNotRetriedBlindly() {
        QdrantCluster bigger = cluster(3, "v1.12.3");
        bigger.getSpec().getResources().setStorage("50Gi");

        ClusterPlan plan = lifecycle.plan(new World(bigger).healthy(3).status(ClusterPhase.HEALTHY, "v1.12.3")
                .notExpandable().observe());

        assertThat(plan.actions()).isEmpty();
        assertThat(Conditions.find(plan.status().getConditions(), ClusterLifecycle.CONDITION_STORAGE))
                .hasValueSatisfying(c -> assertThat(c.getMessage()).contains("does not allow volume expansion"));
    }

    @Test
    void onlineGrowthRefusedByADriverThatOnlyExpandsOfflineAdvisesOfflineMode() {
        QdrantCluster bigger = cluster(3, "v1.12.3");
        bigger.getSpec().getResources().setStorage("50Gi");
        World refused = new World(bigger).healthy(3).status(ClusterPhase.UPDATING, "v1.12.3").claims("50Gi")
                .claimResize(0, "20Gi", ClusterObservation.Resize.CONTROLLER_ERROR, "rpc error: code = FailedPrecondition");

        ClusterPlan plan = lifecycle.plan(refused.observe());

        assertThat(Conditions.find(plan.status().getConditions(), ClusterLifecycle.CONDITION_STORAGE))
                .hasValueSatisfying(c -> {
                    assertThat(c.getStatus()).isEqualTo(Conditions.FALSE);
                    assertThat(c.getReason()).isEqualTo(ClusterLifecycle.OFFLINE_EXPANSION_ONLY);
                    assertThat(c.getMessage()).contains("volumes qdrant-storage-qdrant-demo-0: cannot grow to 50Gi "
                            + "while their pods run: the storage class only supports offline expansion: set "
                            + "volumeExpansionMode: Offline").contains("rpc error: code = FailedPrecondition");
                });
        assertThat(plan.problems()).extracting(Problem::reason).contains(ClusterLifecycle.OFFLINE_EXPANSION_ONLY);
    }

    @Test
    void offlineGrowthHoldsTheStatefulSetBackWhileANodeIsStoppedAndSaysWhichNodeAndWhy() {
        ClusterLifecycle offline = new ClusterLifecycle(
                OperatorDefaults.hybrid().withVolumeExpansionMode(VolumeExpansionMode.OFFLINE),
                Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC), 4);
        QdrantCluster bigger = cluster(3, "v1.12.3");
        bigger.getSpec().getResources().setStorage("50Gi");

        ClusterPlan release = offline.plan(new World(bigger).healthy(3).status(ClusterPhase.HEALTHY, "v1.12.3").observe());
        assertThat(release.actions()).containsExactly(new PlannedAction.OrphanStatefulSet());
        assertThat(release.desired()).noneMatch(o -> o instanceof io.fabric8.kubernetes.api.model.apps.StatefulSet);
        assertThat(Conditions.find(release.status().getConditions(), ClusterLifecycle.CONDITION_PROGRESSING))
                .hasValueSatisfying(c -> {
                    assertThat(c.getReason()).isEqualTo("ExpandingVolumesOffline");
                    assertThat(c.getMessage()).contains("offline (volumeExpansionMode: Offline), node 0 of 3");
                });

        ClusterPlan growing = offline.plan(new World(bigger).healthy(3).absent(0).noStatefulSet()
                .status(ClusterPhase.UPDATING, "v1.12.3")
                .claimResize(0, "20Gi", ClusterObservation.Resize.RESIZING, null).snapshotClaimsOf(0, "50Gi").observe());
        assertThat(growing.actions()).isEmpty();
        assertThat(growing.desired()).noneMatch(o -> o instanceof io.fabric8.kubernetes.api.model.apps.StatefulSet);
        assertThat(growing.status().getPhase()).isEqualTo(ClusterPhase.UPDATING);
        assertThat(growing.status().getReason()).contains("node 0 of 3 is stopped: waiting for the storage driver");

        ClusterPlan start = offline.plan(new World(bigger).healthy(3).absent(0).noStatefulSet()
                .status(ClusterPhase.UPDATING, "v1.12.3")
                .claimResize(0, "20Gi", ClusterObservation.Resize.FILE_SYSTEM_PENDING, null)
                .snapshotClaimsOf(0, "50Gi").observe());
        assertThat(start.desired()).anyMatch(o -> o instanceof io.fabric8.kubernetes.api.model.apps.StatefulSet);
    }

    @Test
    void suspendRemovesEverythingButVolumesThenReportsSuspended() {
        QdrantCluster suspended = cluster(3, "v1.12.3");
        suspended.getSpec().setSuspend(true);

        ClusterPlan suspending = lifecycle.plan(new World(suspended).healthy(3).status(ClusterPhase.HEALTHY, "v1.12.3").observe());
        assertThat(suspending.actions()).containsExactly(new PlannedAction.DeleteOwnedObjects());
        assertThat(suspending.status().getPhase()).isEqualTo(ClusterPhase.SUSPENDING);
        assertThat(suspending.apply()).isEmpty();

        World gone = new World(suspended).status(ClusterPhase.SUSPENDING, "v1.12.3").claims("20Gi");
        assertThat(lifecycle.plan(gone.observe()).status().getPhase()).isEqualTo(ClusterPhase.SUSPENDED);

        QdrantCluster resumed = cluster(3, "v1.12.3");
        ClusterPlan resuming = lifecycle.plan(new World(resumed).status(ClusterPhase.SUSPENDED, "v1.12.3").claims("20Gi").observe());
        assertThat(resuming.status().getPhase()).isEqualTo(ClusterPhase.RESUMING);
        assertThat(resuming.apply()).isPresent();
    }

    @Test
    void recreateNodeDrainsThePeerThenStartsItOnAFreshVolume() {
        World draining = new World(cluster(3, "v1.12.3")).healthy(3).status(ClusterPhase.HEALTHY, "v1.12.3")
                .recreate(1).shard("docs", 0, 102L);
        ClusterPlan first = lifecycle.plan(draining.observe());
        assertThat(first.actions()).singleElement().isInstanceOf(PlannedAction.RunShardActions.class);

        World drained = new World(cluster(3, "v1.12.3")).healthy(3).status(ClusterPhase.UPDATING, "v1.12.3")
                .recreate(1).shard("docs", 0, 101L);
        ClusterPlan second = lifecycle.plan(drained.observe());
        assertThat(second.actions()).containsExactly(new PlannedAction.RemovePeer(102L, 1),
                new PlannedAction.DeletePod("qdrant-demo-1"), new PlannedAction.DeleteClaims(1));
    }

    @Test
    void recreatingTheOnlyNodeIsRefusedAsAProblemNotReportedAsAnUpdate() {
        World only = new World(cluster(1, "v1.12.3")).healthy(1).status(ClusterPhase.HEALTHY, "v1.12.3").recreate(0);

        ClusterPlan plan = lifecycle.plan(only.observe());

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.status().getPhase()).isEqualTo(ClusterPhase.HEALTHY);
        assertThat(plan.status().getReason()).contains("would lose its data; scale up first");
        assertThat(plan.problems()).extracting(Problem::reason).containsExactly("CannotRecreateOnlyNode");
        assertThat(plan.requeueAfter()).as("nothing to look at again until the user acts").isEmpty();
    }

    private static QdrantCluster cluster(int size, String version) {
        QdrantCluster cluster = ClusterFixtures.minimal();
        cluster.getSpec().setSize(size);
        cluster.getSpec().setVersion(version);
        cluster.getMetadata().setGeneration(4L);
        return cluster;
    }

    /** Builds observations: pods 0..n-1 with peer ids 101.., a StatefulSet, claims and shard placement. */
    private static final class World {
        private final QdrantCluster cluster;
        private int nodes;
        private boolean statefulSet;
        private final List<String> revisions = new ArrayList<>();
        private String updateRevision = "rev-1";
        private final Map<Integer, ClaimObservation> claims = new HashMap<>();
        private final Map<Integer, ClaimObservation> snapshotClaims = new HashMap<>();
        private final List<ShardReplica> replicas = new ArrayList<>();
        private boolean consensus = true;
        private boolean expandable = true;
        private final Set<Integer> recreate = new java.util.HashSet<>();
        private com.fasterxml.jackson.databind.JsonNode podTemplate;
        private final Set<Integer> absent = new java.util.HashSet<>();
        private final Set<Integer> neverStarted = new java.util.HashSet<>();
        private final Set<Integer> silent = new java.util.HashSet<>();

        World(QdrantCluster cluster) {
            this.cluster = cluster;
        }

        World healthy(int count) {
            nodes = count;
            statefulSet = true;
            claims("20Gi");
            return this;
        }

        World claims(String size) {
            for (int i = 0; i < Math.max(nodes, 3); i++) {
                claims.put(i, new ClaimObservation("qdrant-storage-qdrant-demo-" + i, size, size, false));
                snapshotClaims.put(i, new ClaimObservation("qdrant-snapshots-qdrant-demo-" + i, size, size, false));
            }
            return this;
        }

        World removedPeerClaim(int ordinal) {
            claims.put(ordinal, new ClaimObservation("qdrant-storage-qdrant-demo-" + ordinal, "20Gi", "20Gi", true));
            return this;
        }

        World status(ClusterPhase phase, String version) {
            QdrantClusterStatus status = cluster.getStatus() == null ? new QdrantClusterStatus() : cluster.getStatus();
            status.setPhase(phase);
            status.setVersion(version);
            cluster.setStatus(status);
            return this;
        }

        World deleting(Integer... ordinals) {
            cluster.getStatus().setDeleteInProgressNodeIndexes(List.of(ordinals));
            return this;
        }

        World revisions(String update, String... pods) {
            updateRevision = update;
            revisions.addAll(List.of(pods));
            return this;
        }

        World shard(String collection, int shard, long peer) {
            replicas.add(new ShardReplica(shard, peer, ReplicaState.ACTIVE, 100L));
            return this;
        }

        World replicatedShards() {
            replicas.add(new ShardReplica(0, 101L, ReplicaState.ACTIVE, 100L));
            replicas.add(new ShardReplica(0, 102L, ReplicaState.ACTIVE, 100L));
            return this;
        }

        /** The live StatefulSet carries the pod template this cluster had in {@code as}. */
        World liveTemplateOf(QdrantCluster as, int replicas) {
            podTemplate = PodTemplates.asJson(DesiredStatefulSet.build(new ClusterContext(as, OperatorDefaults.hybrid(),
                    as.getSpec().getVersion(), replicas)).getSpec().getTemplate());
            return this;
        }

        private final java.util.Map<Integer, Instant> readySince = new java.util.HashMap<>();
        private final java.util.Map<Integer, PodTrouble> troubles = new java.util.HashMap<>();

        World readySince(int ordinal, Instant since) {
            readySince.put(ordinal, since);
            return this;
        }

        World noConsensus() {
            consensus = false;
            return this;
        }

        /** The pod does not exist (evicted, being re-created), but its peer is still in consensus. */
        World absent(int ordinal) {
            absent.add(ordinal);
            return this;
        }

        /** The pods never got past Pending: no peer id, never in consensus. */
        World neverStarted(int... ordinals) {
            for (int ordinal : ordinals) {
                neverStarted.add(ordinal);
            }
            return this;
        }

        /** The pod runs but its Qdrant does not answer; its peer is still in consensus. */
        World silent(int ordinal) {
            silent.add(ordinal);
            return this;
        }

        private final Set<Integer> cutOff = new java.util.HashSet<>();
        private boolean leader = true;
        private long pending;

        /** The pod stays Ready (Qdrant's /readyz latches) but its node is cut off from its peers: it sees no leader. */
        private final Set<Integer> removed = new java.util.HashSet<>();

        /** The node's peer is no longer in consensus (its removal landed), though its pod still runs. */
        World removedFromConsensus(int ordinal) {
            removed.add(ordinal);
            return this;
        }

        World cutOff(int ordinal) {
            cutOff.add(ordinal);
            return this;
        }

        /** An election is under way: every node reports leader 0. */
        World noLeader() {
            leader = false;
            return this;
        }

        /** Consensus has changes proposed and not applied yet. */
        World pendingOperations(long count) {
            pending = count;
            return this;
        }

        /** Database claim {@code ordinal} asks for the spec's size but holds {@code capacity}, its resize so far. */
        World claimResize(int ordinal, String capacity, ClusterObservation.Resize resize, String message) {
            String requested = cluster.getSpec().getResources().getStorage();
            claims.put(ordinal, new ClaimObservation("qdrant-storage-qdrant-demo-" + ordinal, requested, capacity,
                    false, "sim-csi-offline", true, resize, message));
            return this;
        }

        World snapshotClaimsOf(int ordinal, String size) {
            snapshotClaims.put(ordinal, new ClaimObservation("qdrant-snapshots-qdrant-demo-" + ordinal, size, size, false));
            return this;
        }

        /** The StatefulSet is absent (deleted with its pods orphaned). */
        World noStatefulSet() {
            statefulSet = false;
            return this;
        }

        World notExpandable() {
            expandable = false;
            return this;
        }

        /** Snapshot claims on local-path, which does not allow expansion. */
        World snapshotsNotExpandable() {
            snapshotClaims.replaceAll((ordinal, c) -> new ClaimObservation(c.name(), c.requested(), c.capacity(),
                    c.removedPeer(), "local-path", false));
            return this;
        }

        /** Pod {@code ordinal} exists but does not run, for this reason. */
        World trouble(int ordinal, PodTrouble trouble) {
            troubles.put(ordinal, trouble);
            nodes = Math.max(nodes, ordinal + 1);
            return this;
        }

        World recreate(int ordinal) {
            recreate.add(ordinal);
            return this;
        }

        ClusterObservation observe() {
            List<NodeObservation> pods = new ArrayList<>();
            Set<Long> peers = new java.util.TreeSet<>();
            for (int i = 0; i < nodes; i++) {
                String revision = revisions.size() > i ? revisions.get(i) : updateRevision;
                if (troubles.containsKey(i)) {
                    pods.add(new NodeObservation(i, "qdrant-demo-" + i, revision, false, false, false, null, 0,
                            "Pending", null, null, false, troubles.get(i)));
                    continue;
                }
                if (neverStarted.contains(i)) {
                    pods.add(new NodeObservation(i, "qdrant-demo-" + i, revision, false, false, false,
                            null, 0, "Pending", "0/3 nodes are available"));
                    continue;
                }
                if (!removed.contains(i)) {
                    peers.add(101L + i);
                }
                if (absent.contains(i)) {
                    continue;
                }
                pods.add(new NodeObservation(i, "qdrant-demo-" + i, revision, !silent.contains(i), false,
                        recreate.contains(i), silent.contains(i) ? null : 101L + i, 0, "Running", null, readySince.get(i),
                        !silent.contains(i) && !cutOff.contains(i) && leader));
            }
            int stsReplicas = nodes == 0 ? cluster.getSpec().getSize() : Math.max(nodes, 1);
            if (cluster.getStatus() != null && cluster.getStatus().getDeleteInProgressNodeIndexes() != null
                    && nodes < 3 && !cluster.getStatus().getDeleteInProgressNodeIndexes().isEmpty()) {
                stsReplicas = cluster.getSpec().getSize();
            }
            Optional<StatefulSetObservation> sts = statefulSet
                    ? Optional.of(new StatefulSetObservation(stsReplicas, true, updateRevision,
                            claims.isEmpty() ? "20Gi" : "20Gi", podTemplate))
                    : Optional.empty();
            List<CollectionPlacement> placements = replicas.isEmpty() ? List.of()
                    : List.of(new CollectionPlacement("docs", 3, replicas, List.of()));
            Optional<ConsensusObservation> view = consensus && nodes > 0
                    ? Optional.of(new ConsensusObservation(peers, leader && cutOff.isEmpty() && pending == 0, placements,
                            pending))
                    : Optional.empty();
            return new ClusterObservation(cluster, sts, pods, claims, view, List.of(), Optional.of(expandable),
                    snapshotClaims, List.of());
        }
    }
}
