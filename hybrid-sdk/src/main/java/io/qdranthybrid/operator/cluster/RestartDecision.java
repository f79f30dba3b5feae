package io.qdranthybrid.operator.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantClusterSpec;
import io.qdranthybrid.operator.cluster.ClusterObservation.ConsensusObservation;
import io.qdranthybrid.operator.cluster.ClusterObservation.NodeObservation;
import io.qdranthybrid.operator.cluster.ClusterObservation.StatefulSetObservation;
import io.qdranthybrid.operator.cluster.RollingRestartPlanner.PodState;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import static io.qdranthybrid.operator.cluster.ClusterLifecycle.IN_PROGRESS;
import static io.qdranthybrid.operator.cluster.ClusterLifecycle.MIN_READY;
import static io.qdranthybrid.operator.cluster.ClusterLifecycle.RESTARTING_ALL_AT_ONCE;

/**
 * Which pods to restart so they run the StatefulSet's current template: one by one while consensus is settled
 * (rolling), or all at once when nothing is replicated or the spec asks for it ({@link RestartMode}), saying then why
 * the cluster is briefly unavailable. The cluster shows Updating (Upgrading for a new version) from the moment this
 * reconcile writes a new template until every pod is back. Pure: observation in, plan fragment out.
 */
final class RestartDecision {

    private RestartDecision() {
    }

    /**
     * @param desiredPodTemplate the pod template this reconcile applies, as JSON
     * @param now                the decision's clock reading
     */
    static StepOutcome decide(ClusterObservation world, UpgradeDecision.Versions versions, JsonNode desiredPodTemplate,
                              Instant now) {
        Optional<StatefulSetObservation> sts = world.statefulSet();
        if (sts.isEmpty()) {
            return StepOutcome.nothing();
        }
        ClusterPhase phase = versions.upgrading() ? ClusterPhase.UPGRADING : ClusterPhase.UPDATING;
        // This reconcile is about to write a new template: until it has rolled out the cluster is not Healthy,
        // even though every pod still runs the previous template.
        if (!PodTemplates.unchanged(desiredPodTemplate, sts.get().podTemplate())) {
            return StepOutcome.of(List.of(), new Progress(phase, "applying a new pod template"
                    + (versions.upgrading() ? " for " + versions.rollingTo() : ""), IN_PROGRESS));
        }
        if (!sts.get().settled() || sts.get().updateRevision() == null) {
            return StepOutcome.of(List.of(), new Progress(phase,
                    "waiting for the StatefulSet controller to observe the new template", IN_PROGRESS));
        }
        // A pod Ready for less than MIN_READY does not count as back yet.
        List<PodState> pods = podStates(world, servingSince(now));
        if (RollingRestartPlanner.complete(pods, sts.get().updateRevision(), sts.get().replicas())) {
            return StepOutcome.nothing();
        }
        boolean outdated = pods.stream().anyMatch(p -> !sts.get().updateRevision().equals(p.revision()));
        if (!outdated) {
            return StepOutcome.nothing();
        }
        boolean settled = world.consensus().map(ConsensusObservation::settled).orElse(false);
        boolean replicated = world.consensus().map(ConsensusObservation::anyCollectionReplicated).orElse(true);
        QdrantClusterSpec spec = world.cluster().getSpec();
        RestartMode mode = RestartMode.of(spec, replicated);
        List<PlannedAction> deletions = RollingRestartPlanner.podsToRestart(pods, sts.get().updateRevision(),
                        sts.get().replicas(), settled, mode).stream()
                .<PlannedAction>map(pod -> new PlannedAction.DeletePod(pod.name())).toList();
        String target = versions.upgrading() ? " to " + versions.rollingTo() : "";
        if (mode == RestartMode.ROLLING) {
            return StepOutcome.of(deletions, new Progress(phase, "rolling restart" + target, IN_PROGRESS));
        }
        Problem allAtOnce = new Problem(RESTARTING_ALL_AT_ONCE, "all " + sts.get().replicas() + " nodes",
                "restarting at once" + target + ", so the cluster is unavailable until they are back: "
                        + whyAllAtOnce(spec));
        return new StepOutcome(deletions, List.of(allAtOnce),
                Optional.of(new Progress(phase, allAtOnce.line(), RESTARTING_ALL_AT_ONCE, IN_PROGRESS)), List.of(),
                false);
    }

    /** Why pods restart together (RestartMode.of), and how to have them restart one by one. */
    private static String whyAllAtOnce(QdrantClusterSpec spec) {
        if (spec.getRestartAllPodsConcurrently() != null) {
            return "spec.restartAllPodsConcurrently is true";
        }
        return "no collection is replicated, so restarting one node at a time would take its shards offline"
                + " anyway and only take longer; replicate collections (replication_factor >= 2) or set"
                + " spec.restartAllPodsConcurrently=false to restart one node at a time";
    }

    /** Up for at least MIN_READY (like a StatefulSet's minReadySeconds): a node that just came back does not count. */
    static Predicate<NodeObservation> servingSince(Instant now) {
        Instant stableBefore = now.minus(MIN_READY);
        return n -> n.up() && (n.readySince() == null || !n.readySince().isAfter(stableBefore));
    }

    /** @param ready whether a node counts as ready */
    static List<PodState> podStates(ClusterObservation world, Predicate<NodeObservation> ready) {
        return world.nodes().stream().map(n -> new PodState(n.podName(), n.ordinal(), n.revision(), ready.test(n),
                n.terminating())).toList();
    }
}
