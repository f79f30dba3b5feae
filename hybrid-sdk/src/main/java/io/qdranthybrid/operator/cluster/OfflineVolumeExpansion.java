package io.qdranthybrid.operator.cluster;

import io.qdranthybrid.operator.cluster.ClusterObservation.ClaimObservation;
import io.qdranthybrid.operator.cluster.ClusterObservation.NodeObservation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The next step of growing volumes with {@link VolumeExpansionMode#OFFLINE}: one node at a time, lowest ordinal
 * first, its pod is stopped, its claims grown, and it is started again once the volumes have grown; the next node
 * waits until it is back in consensus. Pure and level-triggered: the step follows from the claims and pods alone.
 *
 * <p>A StatefulSet recreates a deleted pod at once, and an offline-only CSI driver refuses to grow a volume any pod
 * uses (external-resizer pkg/controller/expand_and_recover.go: "only supports offline expansion and volume is
 * currently in-use"). So the StatefulSet is first deleted with its pods orphaned (it has to be recreated anyway for
 * its new volume claim template) and held back while the node is stopped; recreating it starts the missing pod.
 */
final class OfflineVolumeExpansion {

    /** Progressing's reason while volumes grow offline. */
    static final String REASON = "ExpandingVolumesOffline";

    /**
     * @param actions         what to do now
     * @param holdStatefulSet leave the StatefulSet absent: recreating it would start the stopped node
     * @param node            the ordinal of the node whose volumes are being grown
     * @param progress        what happens and what it waits for, for the status
     */
    record Step(List<PlannedAction> actions, boolean holdStatefulSet, int node, String progress) {
        Step {
            actions = List.copyOf(actions);
        }
    }

    private OfflineVolumeExpansion() {
    }

    /**
     * @param wanted             the size spec.resources.storage asks for
     * @param size               spec.size: only nodes below it are grown
     * @param databaseClaims     database claims by ordinal
     * @param snapshotClaims     snapshot claims by ordinal, those whose class cannot grow left out
     * @param nodes              the pods as they are now
     * @param statefulSetPresent the StatefulSet exists
     * @param serving            ordinals of nodes up (Ready, in consensus) for long enough to count as back
     * @param consensusSettled   a leader every node agrees on, nothing pending
     * @return the step, empty once every claim of every node has its size
     */
    static Optional<Step> next(String wanted, int size, Map<Integer, ClaimObservation> databaseClaims,
                               Map<Integer, ClaimObservation> snapshotClaims, List<NodeObservation> nodes,
                               boolean statefulSetPresent, Set<Integer> serving, boolean consensusSettled) {
        for (int ordinal = 0; ordinal < size; ordinal++) {
            List<ClaimObservation> claims = new ArrayList<>();
            Optional.ofNullable(databaseClaims.get(ordinal)).filter(c -> !c.removedPeer()).ifPresent(claims::add);
            Optional.ofNullable(snapshotClaims.get(ordinal)).ifPresent(claims::add);
            List<ClaimObservation> unfinished = claims.stream().filter(c -> !hasCapacity(c, wanted)).toList();
            if (!unfinished.isEmpty()) {
                return Optional.of(stepFor(ordinal, unfinished, wanted, size, nodes, statefulSetPresent, serving,
                        consensusSettled));
            }
        }
        return Optional.empty();
    }

    private static Step stepFor(int ordinal, List<ClaimObservation> unfinished, String wanted, int size,
                                List<NodeObservation> nodes, boolean statefulSetPresent, Set<Integer> serving,
                                boolean consensusSettled) {
        String node = "node " + ordinal + " of " + size;
        Optional<NodeObservation> pod = nodes.stream().filter(n -> n.ordinal() == ordinal).findFirst();
        List<ClaimObservation> toPatch = unfinished.stream().filter(c -> ClusterLifecycle.smaller(c.requested(), wanted))
                .toList();
        boolean volumesGrown = toPatch.isEmpty() && unfinished.stream().allMatch(ClaimObservation::volumeGrown);
        if (pod.isPresent() && pod.get().terminating()) {
            return new Step(List.of(), true, ordinal, node + ": waiting for pod " + pod.get().podName() + " to stop");
        }
        if (pod.isPresent() && volumesGrown) {
            // Started on its grown volumes: the kubelet grows the file systems as it mounts them.
            return new Step(List.of(), false, ordinal, node + ": waiting for pod " + pod.get().podName()
                    + " to be ready and back in consensus on its grown volumes");
        }
        if (pod.isPresent()) {
            boolean othersServing = nodes.size() == size && nodes.stream()
                    .allMatch(n -> n.ordinal() == ordinal || serving.contains(n.ordinal()));
            if (!othersServing || !consensusSettled) {
                return new Step(List.of(), false, ordinal, node + ": waiting for every other node to be ready and in"
                        + " consensus before stopping pod " + pod.get().podName());
            }
            if (statefulSetPresent) {
                return new Step(List.of(new PlannedAction.OrphanStatefulSet()), true, ordinal, node
                        + ": releasing the pods from the StatefulSet so that pod " + pod.get().podName()
                        + " stays stopped while its volumes grow");
            }
            return new Step(List.of(new PlannedAction.DeletePod(pod.get().podName())), true, ordinal,
                    node + ": stopping pod " + pod.get().podName() + " to grow " + names(unfinished));
        }
        if (!toPatch.isEmpty()) {
            List<PlannedAction> resizes = toPatch.stream()
                    .<PlannedAction>map(c -> new PlannedAction.ResizeClaim(c.name(), wanted)).toList();
            return new Step(resizes, true, ordinal, node + " is stopped: growing " + names(toPatch));
        }
        if (!volumesGrown) {
            List<ClaimObservation> growing = unfinished.stream().filter(c -> !c.volumeGrown()).toList();
            String said = growing.stream().filter(c -> c.resizeMessage() != null)
                    .map(c -> c.name() + ": " + c.resizeMessage()).findFirst().map(m -> " (" + m + ")").orElse("");
            return new Step(List.of(), true, ordinal, node + " is stopped: waiting for the storage driver to grow "
                    + names(growing) + said);
        }
        return new Step(List.of(), false, ordinal, node + ": volumes grown, starting the node again");
    }

    /** status.capacity holds the size: the volume and its file system have grown. */
    private static boolean hasCapacity(ClaimObservation claim, String wanted) {
        return claim.capacity() != null && !ClusterLifecycle.smaller(claim.capacity(), wanted)
                && !ClusterLifecycle.smaller(claim.requested(), wanted);
    }

    private static String names(List<ClaimObservation> claims) {
        return claims.stream().map(ClaimObservation::name).sorted().collect(Collectors.joining(", "));
    }
}
