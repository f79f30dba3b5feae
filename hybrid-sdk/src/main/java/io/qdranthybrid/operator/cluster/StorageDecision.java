package io.qdranthybrid.operator.cluster;

import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantClusterSpec;
import io.qdranthybrid.operator.cluster.ClusterObservation.ClaimObservation;
import io.qdranthybrid.operator.cluster.ClusterObservation.ConsensusObservation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Growing the volumes to {@code spec.resources.storage}: Online, the claims are grown under the running pods and the
 * StatefulSet is recreated for its new claim template; Offline, one node at a time ({@link OfflineVolumeExpansion}).
 * What cannot grow is reported: a class without {@code allowVolumeExpansion}, snapshot volumes left behind, and (Online)
 * a storage driver that refuses to grow volumes in use. Pure: observation in, plan fragment out.
 */
final class StorageDecision {

    /**
     * @param actions         what to do now
     * @param problems        what StorageResizable reports; empty to leave the condition as it is
     * @param progress        what is in progress, null when nothing is
     * @param progressReason  Progressing's reason when it is not the phase, else null
     * @param holdStatefulSet leave the StatefulSet absent or unchanged (Offline, while a node is stopped)
     */
    record Outcome(List<PlannedAction> actions, Optional<List<Problem>> problems, String progress,
                   String progressReason, boolean holdStatefulSet) {
        Outcome {
            actions = List.copyOf(actions);
        }

        static Outcome nothing() {
            return new Outcome(List.of(), Optional.empty(), null, null, false);
        }

        /** As one step of the cluster's decision: the problems it finds are listed in StorageResizable. */
        StepOutcome step() {
            return new StepOutcome(actions, problems.orElse(List.of()),
                    Optional.ofNullable(progress).map(p -> new Progress(ClusterPhase.UPDATING, p,
                            ClusterLifecycle.IN_PROGRESS).withReason(progressReason)),
                    problems.map(found -> List.<StepOutcome.ConditionChange>of(
                            new StepOutcome.ConditionChange.ListProblems(ClusterLifecycle.CONDITION_STORAGE, found)))
                            .orElse(List.of()),
                    holdStatefulSet);
        }
    }

    private StorageDecision() {
    }

    /** @param serving ordinals of nodes up for long enough to count as back (for Offline) */
    static Outcome decide(ClusterObservation world, VolumeExpansionMode mode, Set<Integer> serving) {
        QdrantClusterSpec spec = world.cluster().getSpec();
        boolean offline = mode == VolumeExpansionMode.OFFLINE;
        // Offline, the StatefulSet is held back while a node is stopped: its claims still say what to do.
        if (world.statefulSet().isEmpty() && (!offline || world.databaseClaims().isEmpty())) {
            return Outcome.nothing();
        }
        String wanted = spec.getResources() != null && spec.getResources().getStorage() != null
                ? spec.getResources().getStorage() : DesiredStatefulSet.DEFAULT_STORAGE;
        List<PlannedAction> resizes = new ArrayList<>();
        List<ClaimObservation> refused = new ArrayList<>();
        List<ClaimObservation> snapshotsKept = new ArrayList<>();
        List<ClaimObservation> inUse = new ArrayList<>();
        Map<Integer, ClaimObservation> growableSnapshots = new LinkedHashMap<>();
        boolean waitingForCapacity = false;
        for (Map.Entry<Integer, ClaimObservation> entry : world.databaseClaims().entrySet()) {
            ClaimObservation claim = entry.getValue();
            if (claim.removedPeer() || entry.getKey() >= spec.getSize()) {
                continue;
            }
            if (ClusterLifecycle.smaller(claim.requested(), wanted)) {
                if (cannotExpand(claim, world.storageExpandable())) {
                    refused.add(claim);
                } else {
                    resizes.add(new PlannedAction.ResizeClaim(claim.name(), wanted));
                }
            } else if (claim.capacity() != null && ClusterLifecycle.smaller(claim.capacity(), wanted)) {
                waitingForCapacity = true;
                if (claim.resize() == ClusterObservation.Resize.CONTROLLER_ERROR) {
                    inUse.add(claim);
                }
            }
            ClaimObservation snapshots = world.snapshotClaims().get(entry.getKey());
            if (snapshots != null && !cannotExpand(snapshots, Optional.empty())) {
                growableSnapshots.put(entry.getKey(), snapshots);
            }
            if (snapshots != null && ClusterLifecycle.smaller(snapshots.requested(), wanted)) {
                // A snapshot volume only holds snapshots in transit: it is grown where its class allows, and
                // otherwise left as it is, said in the status, rather than patched into a 403 on every reconcile.
                if (cannotExpand(snapshots, Optional.empty())) {
                    snapshotsKept.add(snapshots);
                } else {
                    resizes.add(new PlannedAction.ResizeClaim(snapshots.name(), wanted));
                }
            }
        }
        Optional<List<Problem>> problems = Optional.of(problems(refused, snapshotsKept, offline ? List.of() : inUse,
                wanted));
        if (!refused.isEmpty()) {
            return new Outcome(List.of(), problems, null, null, false);
        }
        if (offline) {
            Optional<OfflineVolumeExpansion.Step> step = OfflineVolumeExpansion.next(wanted, spec.getSize(),
                    world.databaseClaims(), growableSnapshots, world.nodes(), world.statefulSet().isPresent(),
                    serving, world.consensus().map(ConsensusObservation::settled).orElse(false));
            if (step.isPresent()) {
                // A StatefulSet still asking for the old size is left as it is: its claim templates are immutable,
                // so applying the new size would only earn a 422 until it is recreated.
                boolean hold = step.get().holdStatefulSet() || world.statefulSet()
                        .filter(sts -> !ClusterLifecycle.sameAmount(wanted, sts.claimTemplateStorage())).isPresent();
                return new Outcome(step.get().actions(), problems, "growing volumes to " + wanted + " offline"
                        + " (volumeExpansionMode: Offline), " + step.get().progress(), OfflineVolumeExpansion.REASON,
                        hold);
            }
            if (world.statefulSet().isEmpty()) {
                return new Outcome(List.of(), problems, null, null, false);
            }
            // Every claim has its size: only the claim template may still be outdated.
            resizes.clear();
            waitingForCapacity = false;
        }
        // By amount: the API server stores quantities canonically (20480Mi comes back as 20Gi).
        boolean templateOutdated = !ClusterLifecycle.sameAmount(wanted, world.statefulSet().get().claimTemplateStorage());
        if (resizes.isEmpty() && !templateOutdated && !waitingForCapacity) {
            return new Outcome(List.of(), problems, null, null, false);
        }
        List<PlannedAction> actions = new ArrayList<>(resizes);
        if (templateOutdated && resizes.isEmpty()) {
            actions.add(new PlannedAction.OrphanStatefulSet());
        }
        return new Outcome(actions, problems, "growing volumes to " + wanted, null, false);
    }

    /**
     * StorageResizable is False, naming the volumes, while a grow is refused (database volumes: nothing grows), leaves
     * snapshot volumes behind, or (Online) is refused by a driver that only grows volumes no pod uses; it is absent
     * otherwise, like AllowedByPodPolicy.
     */
    private static List<Problem> problems(List<ClaimObservation> refused, List<ClaimObservation> snapshotsKept,
                                          List<ClaimObservation> inUse, String wanted) {
        List<Problem> storage = new ArrayList<>();
        if (!inUse.isEmpty()) {
            String driverSaid = inUse.stream().map(ClaimObservation::resizeMessage).filter(m -> m != null)
                    .findFirst().map(m -> " (the storage driver says: " + m + ")").orElse("");
            storage.add(new Problem(ClusterLifecycle.OFFLINE_EXPANSION_ONLY, "volumes " + claimNames(inUse),
                    "cannot grow to " + wanted + " while their pods run: the storage class only supports offline "
                            + "expansion: set volumeExpansionMode: Offline in the operator settings to grow them "
                            + "one node at a time" + driverSaid));
        }
        if (!refused.isEmpty()) {
            storage.add(new Problem("StorageClassCannotExpand", "volumes " + claimNames(refused),
                    "cannot grow to " + wanted + ": " + classesOf(refused) + " does not allow volume expansion "
                            + "(allowVolumeExpansion); they stay at their size. Set spec.resources.storage back to "
                            + refused.get(0).requested() + ", or restore a backup into a new cluster on a class "
                            + "that allows expansion"));
        }
        if (!snapshotsKept.isEmpty()) {
            storage.add(new Problem("SnapshotVolumesNotExpandable", "snapshot volumes " + claimNames(snapshotsKept),
                    "not grown to " + wanted + ": " + classesOf(snapshotsKept) + " does not allow volume "
                            + "expansion; the database volumes are grown. Snapshots larger than "
                            + snapshotsKept.get(0).requested() + " need spec.storageClassNames.snapshots on a class "
                            + "that allows expansion"));
        }
        return storage;
    }

    /** {@code classDefault}: what is known of the database class from the spec when the claim names none. */
    private static boolean cannotExpand(ClaimObservation claim, Optional<Boolean> classDefault) {
        Boolean expandable = claim.expandable() != null ? claim.expandable() : classDefault.orElse(null);
        return Boolean.FALSE.equals(expandable);
    }

    private static String claimNames(List<ClaimObservation> claims) {
        return claims.stream().map(ClaimObservation::name).sorted().collect(Collectors.joining(", "));
    }

    private static String classesOf(List<ClaimObservation> claims) {
        List<String> classes = claims.stream().map(ClaimObservation::storageClass).filter(c -> c != null).distinct()
                .sorted().toList();
        return classes.isEmpty() ? "their StorageClass" : "StorageClass " + String.join(", ", classes);
    }
}
