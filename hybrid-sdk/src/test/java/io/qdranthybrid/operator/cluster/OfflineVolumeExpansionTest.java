package io.qdranthybrid.operator.cluster;

import io.qdranthybrid.operator.cluster.ClusterObservation.ClaimObservation;
import io.qdranthybrid.operator.cluster.ClusterObservation.NodeObservation;
import io.qdranthybrid.operator.cluster.ClusterObservation.Resize;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class OfflineVolumeExpansionTest {

    private static final String WANTED = "50Gi";

    private final Map<Integer, ClaimObservation> database = new HashMap<>();
    private final Map<Integer, ClaimObservation> snapshots = new HashMap<>();
    /** spec.size */
    private int size = 3;

    @Test
    void nothingToDoOnceEveryClaimHasItsSize() {
        claims(3, WANTED, WANTED, Resize.NONE);

        assertThat(next(pods(3, false), true, Set.of(0, 1, 2))).isEmpty();
    }

    @Test
    void firstThePodsAreReleasedFromTheStatefulSetSoTheStoppedNodeStaysStopped() {
        claims(3, "20Gi", "20Gi", Resize.NONE);

        OfflineVolumeExpansion.Step step = next(pods(3, false), true, Set.of(0, 1, 2)).orElseThrow();

        assertThat(step.actions()).containsExactly(new PlannedAction.OrphanStatefulSet());
        assertThat(step.holdStatefulSet()).isTrue();
        assertThat(step.node()).isZero();
    }

    @Test
    void thenTheLowestNodeIsStoppedAndOnlyThenItsClaimsAreGrown() {
        claims(3, "20Gi", "20Gi", Resize.NONE);

        OfflineVolumeExpansion.Step stop = next(pods(3, false), false, Set.of(0, 1, 2)).orElseThrow();
        assertThat(stop.actions()).containsExactly(new PlannedAction.DeletePod("pod-0"));
        assertThat(stop.holdStatefulSet()).isTrue();

        OfflineVolumeExpansion.Step grow = next(without(0, pods(3, false)), false, Set.of(1, 2)).orElseThrow();
        assertThat(grow.actions()).containsExactlyInAnyOrder(new PlannedAction.ResizeClaim("db-0", WANTED),
                new PlannedAction.ResizeClaim("snap-0", WANTED));
        assertThat(grow.holdStatefulSet()).isTrue();
        assertThat(grow.progress()).contains("node 0 of 3 is stopped");
    }

    @Test
    void theStoppedNodeWaitsForTheDriverAndSaysWhatItReports() {
        claims(3, "20Gi", "20Gi", Resize.NONE);
        database.put(0, claim("db-0", WANTED, "20Gi", Resize.RESIZING, null));
        snapshots.put(0, claim("snap-0", WANTED, "20Gi", Resize.CONTROLLER_ERROR, "volume is published on node"));

        OfflineVolumeExpansion.Step step = next(without(0, pods(3, false)), false, Set.of(1, 2)).orElseThrow();

        assertThat(step.actions()).isEmpty();
        assertThat(step.holdStatefulSet()).as("starting the node now would stop the resize").isTrue();
        assertThat(step.progress()).contains("waiting for the storage driver to grow db-0, snap-0")
                .contains("snap-0: volume is published on node");
    }

    @Test
    void onceTheVolumesHaveGrownTheNodeIsStartedAndWaitedFor() {
        claims(3, "20Gi", "20Gi", Resize.NONE);
        database.put(0, claim("db-0", WANTED, "20Gi", Resize.FILE_SYSTEM_PENDING, null));
        snapshots.put(0, claim("snap-0", WANTED, "20Gi", Resize.FILE_SYSTEM_PENDING, null));

        OfflineVolumeExpansion.Step start = next(without(0, pods(3, false)), false, Set.of(1, 2)).orElseThrow();
        assertThat(start.actions()).isEmpty();
        assertThat(start.holdStatefulSet()).as("the StatefulSet comes back and starts the node").isFalse();

        OfflineVolumeExpansion.Step back = next(pods(3, false), true, Set.of(1, 2)).orElseThrow();
        assertThat(back.actions()).isEmpty();
        assertThat(back.progress()).contains("waiting for pod pod-0 to be ready and back in consensus");
    }

    @Test
    void theNextNodeIsStoppedOnlyOnceEveryOtherNodeServesAndConsensusIsSettled() {
        claims(3, "20Gi", "20Gi", Resize.NONE);
        database.put(0, claim("db-0", WANTED, WANTED, Resize.NONE, null));
        snapshots.put(0, claim("snap-0", WANTED, WANTED, Resize.NONE, null));

        OfflineVolumeExpansion.Step notBack = next(pods(3, false), false, Set.of(1, 2)).orElseThrow();
        assertThat(notBack.node()).isEqualTo(1);
        assertThat(notBack.actions()).isEmpty();
        assertThat(notBack.progress()).contains("waiting for every other node to be ready and in consensus");

        assertThat(OfflineVolumeExpansion.next(WANTED, size, database, snapshots, pods(3, false), false, Set.of(0, 1, 2),
                false).orElseThrow().actions()).as("consensus not settled").isEmpty();

        assertThat(next(pods(3, false), false, Set.of(0, 1, 2)).orElseThrow().actions())
                .containsExactly(new PlannedAction.DeletePod("pod-1"));
    }

    @Test
    void aStoppingPodIsWaitedForWithTheStatefulSetHeldBack() {
        claims(3, "20Gi", "20Gi", Resize.NONE);

        OfflineVolumeExpansion.Step step = next(pods(3, true), false, Set.of(1, 2)).orElseThrow();

        assertThat(step.actions()).isEmpty();
        assertThat(step.holdStatefulSet()).isTrue();
        assertThat(step.progress()).contains("waiting for pod pod-0 to stop");
    }

    @Test
    void nodesBeyondTheSizeAndVolumesOfRemovedPeersAreLeftAlone() {
        size = 2;
        claims(2, WANTED, WANTED, Resize.NONE);
        database.put(2, new ClaimObservation("db-2", "20Gi", "20Gi", true));

        assertThat(next(pods(2, false), true, Set.of(0, 1))).isEmpty();
    }

    private Optional<OfflineVolumeExpansion.Step> next(List<NodeObservation> nodes, boolean statefulSet,
                                                       Set<Integer> serving) {
        return OfflineVolumeExpansion.next(WANTED, size, database, snapshots, nodes, statefulSet, serving, true);
    }

    private void claims(int count, String requested, String capacity, Resize resize) {
        for (int i = 0; i < count; i++) {
            database.put(i, claim("db-" + i, requested, capacity, resize, null));
            snapshots.put(i, claim("snap-" + i, requested, capacity, resize, null));
        }
    }

    private static ClaimObservation claim(String name, String requested, String capacity, Resize resize, String message) {
        return new ClaimObservation(name, requested, capacity, false, "sim-csi-offline", true, resize, message);
    }

    /** Pods 0..count-1, all Ready and in consensus; pod 0 terminating if asked. */
    private static List<NodeObservation> pods(int count, boolean firstTerminating) {
        return IntStream.range(0, count).mapToObj(i -> new NodeObservation(i, "pod-" + i, "rev", true,
                firstTerminating && i == 0, false, 101L + i, 0, "Running", null)).toList();
    }

    private static List<NodeObservation> without(int ordinal, List<NodeObservation> nodes) {
        return nodes.stream().filter(n -> n.ordinal() != ordinal).collect(Collectors.toList());
    }
}
