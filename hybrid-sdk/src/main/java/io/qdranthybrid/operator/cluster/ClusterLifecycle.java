package io.qdranthybrid.operator.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantClusterSpec;
import io.qdranthybrid.crd.Resources;
import io.qdranthybrid.crd.validation.KubernetesQuantity;
import io.qdranthybrid.crd.validation.QdrantClusterValidator;
import io.qdranthybrid.crd.validation.Violation;
import io.qdranthybrid.operator.policy.PodPolicyCheck;
import io.qdranthybrid.operator.policy.PolicyViolation;
import io.qdranthybrid.operator.cluster.ClusterObservation.ClaimObservation;
import io.qdranthybrid.operator.cluster.ClusterObservation.NodeObservation;
import io.qdranthybrid.operator.cluster.ClusterObservation.StatefulSetObservation;
import io.qdranthybrid.reconcile.Conditions;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides the next step of a QdrantCluster from an observation of the world: validate, honour pauses and
 * suspend, then the steps in order, each in its own class: the version ({@link UpgradeDecision}), the replicas
 * ({@link ScaleDecision}), volumes ({@link StorageDecision}), a node to recreate ({@link RecreateNodeDecision}), pod
 * restarts ({@link RestartDecision}) and shard balance ({@link RebalanceDecision}); {@link StatusReport} writes it all
 * in status. A step stands back while an earlier one is in progress ({@link PlanSoFar}).
 * Pure and level-triggered: it never depends on what happened before except what the status and the world
 * record, so an operator restarted at any point continues correctly. (It remembers the desired objects it built
 * last for each cluster, but only to avoid building them again from the same inputs.)
 */
public final class ClusterLifecycle {

    public static final String CONDITION_VALID = "Valid";
    /** False, naming each refused field and the setting that would allow it, while the pod policy refuses the spec. */
    public static final String CONDITION_ALLOWED = "AllowedByPodPolicy";
    public static final String CONDITION_ACCEPTING_CONNECTION = "AcceptingConnection";
    public static final String CONDITION_PROGRESSING = "Progressing";
    public static final String CONDITION_STORAGE = "StorageResizable";
    /**
     * False while a pod cannot be scheduled, created, pulled, started or made ready, naming each with what to do;
     * absent otherwise.
     */
    public static final String CONDITION_NODES = "NodesHealthy";
    /** StorageResizable's reason while the storage driver refuses to grow volumes in use (Online mode). */
    public static final String OFFLINE_EXPANSION_ONLY = "OfflineExpansionOnly";
    /** Progressing's reason while every pod is restarted at once. */
    public static final String RESTARTING_ALL_AT_ONCE = "RestartingAllAtOnce";

    static final Duration IN_PROGRESS = Duration.ofSeconds(2);
    static final Duration WAITING_FOR_QDRANT = Duration.ofSeconds(5);
    /**
     * How long a restarted pod must have stayed Ready before the next one is restarted (like a StatefulSet's
     * minReadySeconds): a pod that flaps back to NotReady right after its first good probe, seen through a cache a
     * moment old, must not count as back.
     */
    static final Duration MIN_READY = Duration.ofSeconds(2);
    /**
     * While pods are not all ready: the controller watches pods, so a pod becoming ready wakes it at once and this
     * timer is only a safety net. Polling every 2 s here cost most of a fleet's reconciles while it was created.
     */
    static final Duration WAITING_FOR_PODS = Duration.ofSeconds(10);

    private final OperatorDefaults defaults;
    private final Conditions conditions;
    private final Clock clock;
    private final ShardDrainPlanner drainPlanner;
    private final QdrantClusterValidator validator = new QdrantClusterValidator();
    private final DesiredObjectsMemo desiredObjects = new DesiredObjectsMemo();

    public ClusterLifecycle(OperatorDefaults defaults, Clock clock, int maxConcurrentTransfers) {
        this.defaults = defaults;
        this.conditions = new Conditions(clock);
        this.clock = clock;
        this.drainPlanner = new ShardDrainPlanner(maxConcurrentTransfers);
    }

    public ClusterPlan plan(ClusterObservation world) {
        QdrantClusterSpec spec = world.cluster().getSpec();
        StatusReport report = new StatusReport(world, conditions, clock);
        PlanSoFar plan = new PlanSoFar();
        if (spec.getPauses() != null && !spec.getPauses().isEmpty()) {
            var pause = spec.getPauses().get(0);
            return leaveAlone(report, plan, ClusterPhase.MANUAL_MAINTENANCE,
                    "paused by " + pause.getOwner() + ": " + pause.getReason());
        }
        Optional<String> refused = refusal(world, report);
        if (refused.isPresent()) {
            return leaveAlone(report, plan, world.statefulSet().isPresent()
                    ? ClusterPhase.FAILED_TO_UPDATE : ClusterPhase.FAILED_TO_CREATE, refused.get());
        }
        if (Boolean.TRUE.equals(spec.getSuspend())) {
            return suspend(world, report, plan);
        }
        return decideSteps(world, report, plan);
    }

    /** Drops what is remembered about a deleted cluster. */
    public void forget(String namespace, String name) {
        desiredObjects.forget(namespace, name);
    }

    /**
     * Why nothing may be created or changed: the spec is invalid (against what is applied: volumes cannot shrink) or
     * asks for pods the pod policy of this install does not allow. Said in Valid and AllowedByPodPolicy.
     */
    private Optional<String> refusal(ClusterObservation world, StatusReport report) {
        QdrantClusterSpec spec = world.cluster().getSpec();
        List<Violation> violations = validator.validateUpdate(observedSpec(world), spec);
        if (!violations.isEmpty()) {
            String message = violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
            report.condition(CONDITION_VALID, Conditions.FALSE, "InvalidSpec", message);
            return Optional.of(message);
        }
        report.condition(CONDITION_VALID, Conditions.TRUE, "SpecValid", "the spec is valid");
        List<PolicyViolation> disallowed = PodPolicyCheck.violations(spec, defaults.podPolicy(),
                defaults.imageRepository());
        if (!disallowed.isEmpty()) {
            String message = disallowed.stream().map(PolicyViolation::toString).collect(Collectors.joining("; "));
            report.condition(CONDITION_ALLOWED, Conditions.FALSE, "RefusedByPodPolicy", message);
            return Optional.of(message);
        }
        // Shown only while refused, so clusters the policy allows keep the status they always had.
        report.withdraw(CONDITION_ALLOWED);
        return Optional.empty();
    }

    /** The version, the replicas, then each later step unless an earlier one is in progress; then the status. */
    private ClusterPlan decideSteps(ClusterObservation world, StatusReport report, PlanSoFar plan) {
        UpgradeDecision.Outcome upgrade = UpgradeDecision.decide(world, report.previous().getVersion());
        UpgradeDecision.Versions versions = upgrade.versions();
        report.version(versions.rollingTo());
        if (upgrade.refused().isPresent()) {
            report.condition(CONDITION_PROGRESSING, Conditions.FALSE, "UpgradePathRefused", upgrade.refused().get());
            return leaveAlone(report, plan, ClusterPhase.FAILED_TO_UPDATE, upgrade.refused().get());
        }
        upgrade.progress().ifPresent(progress -> plan.add(StepOutcome.of(List.of(), progress)));
        ScaleDecision.Outcome scale = ScaleDecision.decide(world,
                report.previous().getDeleteInProgressNodeIndexes(), drainPlanner, versions.dropAbortsPeerTransfers());
        report.nodesLeaving(scale.deleteInProgress());
        take(scale.step(), plan, report);
        ClusterContext context = new ClusterContext(world.cluster(), defaults, versions.rollingTo(), scale.replicas());
        DesiredObjectsMemo.Built built = desiredObjects.objectsFor(context);

        if (!plan.busy()) {
            Set<Integer> serving = world.nodes().stream().filter(RestartDecision.servingSince(clock.instant()))
                    .map(NodeObservation::ordinal).collect(Collectors.toSet());
            take(StorageDecision.decide(world, defaults.volumeExpansionMode(), serving).step(), plan, report);
        }
        if (!plan.busy()) {
            take(RecreateNodeDecision.decide(world, drainPlanner, versions.dropAbortsPeerTransfers()), plan, report);
        }
        // Pods are restarted onto the version an upgrade steps to.
        if (!plan.busy() || plan.progress().get().phase() == ClusterPhase.UPGRADING) {
            take(RestartDecision.decide(world, versions, built.podTemplate(), clock.instant()), plan, report);
        }
        if (!plan.busy()) {
            take(RebalanceDecision.decide(world), plan, report);
        }

        ClusterPhase phase = report.phase(plan);
        List<Problem> problems = report.finish(phase, plan.progress().map(Progress::message).orElse(null), plan);
        List<HasMetadata> desired = built.all();
        if (plan.holdStatefulSet()) {
            desired = desired.stream().filter(o -> !(o instanceof StatefulSet)).toList();
        }
        return new ClusterPlan(Optional.of(context), desired, plan.actions(), report.status(),
                plan.progress().map(Progress::lookAgain), problems);
    }

    /** Suspend: everything but the volumes is deleted, then the cluster stays Suspended until resumed. */
    private ClusterPlan suspend(ClusterObservation world, StatusReport report, PlanSoFar plan) {
        boolean anythingLeft = world.statefulSet().isPresent() || !world.nodes().isEmpty();
        if (!anythingLeft) {
            return leaveAlone(report, plan, ClusterPhase.SUSPENDED, "suspended; volumes are kept");
        }
        Progress suspending = new Progress(ClusterPhase.SUSPENDING, "removing everything but the volumes", IN_PROGRESS);
        plan.add(StepOutcome.of(List.of(new PlannedAction.DeleteOwnedObjects()), suspending));
        return leaveAlone(report, plan, ClusterPhase.SUSPENDING, suspending.message());
    }

    /** A plan that applies no desired objects: the cluster is paused, refused, or being suspended. */
    private static ClusterPlan leaveAlone(StatusReport report, PlanSoFar plan, ClusterPhase phase, String reason) {
        List<Problem> problems = report.finish(phase, reason, plan);
        return new ClusterPlan(Optional.empty(), List.of(), plan.actions(), report.status(),
                plan.progress().map(Progress::lookAgain), problems);
    }

    /** Adds a step's decision to the plan and writes the conditions it sets, in the order the steps run. */
    private static void take(StepOutcome step, PlanSoFar plan, StatusReport report) {
        plan.add(step);
        step.conditions().forEach(report::apply);
    }

    /** The spec as the world shows it was last applied: the volume size is the one that exists. */
    private static QdrantClusterSpec observedSpec(ClusterObservation world) {
        QdrantClusterSpec observed = new QdrantClusterSpec();
        observed.setVersion(world.cluster().getSpec().getVersion()); // upgrade paths are walked, not refused, here
        String storage = world.statefulSet().map(StatefulSetObservation::claimTemplateStorage).orElse(null);
        for (ClaimObservation claim : world.databaseClaims().values()) {
            storage = larger(storage, claim.requested());
        }
        if (storage != null) {
            observed.setResources(new Resources());
            observed.getResources().setStorage(storage);
        }
        return observed;
    }

    private static String larger(String a, String b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return smaller(a, b) ? b : a;
    }

    static boolean sameAmount(String a, String b) {
        Optional<BigDecimal> left = KubernetesQuantity.parse(a);
        Optional<BigDecimal> right = KubernetesQuantity.parse(b);
        return left.isPresent() && right.isPresent() ? left.get().compareTo(right.get()) == 0 : a.equals(b);
    }

    static boolean smaller(String a, String b) {
        Optional<BigDecimal> left = KubernetesQuantity.parse(a);
        Optional<BigDecimal> right = KubernetesQuantity.parse(b);
        return left.isPresent() && right.isPresent() && left.get().compareTo(right.get()) < 0;
    }
}
