package io.qdranthybrid.operator.cluster;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.NodeStatus;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterSpec;
import io.qdranthybrid.crd.QdrantClusterStatus;
import io.qdranthybrid.crd.QdrantVersion;
import io.qdranthybrid.crd.RebalanceStrategy;
import io.qdranthybrid.crd.Resources;
import io.qdranthybrid.crd.validation.KubernetesQuantity;
import io.qdranthybrid.crd.validation.QdrantClusterValidator;
import io.qdranthybrid.crd.validation.Violation;
import io.qdranthybrid.operator.policy.PodPolicyCheck;
import io.qdranthybrid.operator.policy.PolicyViolation;
import io.qdranthybrid.operator.cluster.ClusterObservation.ClaimObservation;
import io.qdranthybrid.operator.cluster.ClusterObservation.ConsensusObservation;
import io.qdranthybrid.operator.cluster.ClusterObservation.NodeObservation;
import io.qdranthybrid.operator.cluster.ClusterObservation.StatefulSetObservation;
import io.qdranthybrid.operator.cluster.RollingRestartPlanner.PodState;
import io.qdranthybrid.reconcile.Conditions;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Decides the next step of a QdrantCluster from an observation of the world: validate, honour pauses and
 * suspend, drain before shrinking, rebalance after growing, grow volumes, step upgrades one minor version at
 * a time, restart pods one by one (or all at once when nothing is replicated), and report it all in status.
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
        return new Decision(world).decide();
    }

    /** Drops what is remembered about a deleted cluster. */
    public void forget(String namespace, String name) {
        desiredObjects.forget(namespace, name);
    }

    /** The working state of one decision. */
    private final class Decision {
        private final ClusterObservation world;
        private final QdrantCluster cluster;
        private final QdrantClusterSpec spec;
        private final QdrantClusterStatus previous;
        private final QdrantClusterStatus status;
        private final List<PlannedAction> actions = new ArrayList<>();
        /** What the user must know and act on; each becomes an Event when it first appears. */
        private final List<Problem> problems = new ArrayList<>();
        private final long generation;
        private Duration requeue;
        private String progress;
        /** Progressing's reason when it is not the phase. */
        private String progressReason;
        private ClusterPhase activity;
        private ClusterContext context;
        private DesiredObjectsMemo.Built built;
        /** Leave the StatefulSet absent: a node is stopped while its volumes grow offline. */
        private boolean holdStatefulSet;

        Decision(ClusterObservation world) {
            this.world = world;
            this.cluster = world.cluster();
            this.spec = cluster.getSpec();
            this.previous = cluster.getStatus() == null ? new QdrantClusterStatus() : cluster.getStatus();
            this.status = copyOfPrevious();
            this.generation = cluster.getMetadata().getGeneration() == null ? 0 : cluster.getMetadata().getGeneration();
        }

        ClusterPlan decide() {
            ClusterNames names = new ClusterNames(spec.getId());
            status.setSelector(names.selectorString());
            status.setObservedGeneration(generation);
            describeNodes();

            if (spec.getPauses() != null && !spec.getPauses().isEmpty()) {
                var pause = spec.getPauses().get(0);
                return finish(ClusterPhase.MANUAL_MAINTENANCE, "paused by " + pause.getOwner() + ": " + pause.getReason(),
                        Optional.empty());
            }

            List<Violation> violations = validator.validateUpdate(observedSpec(), spec);
            if (!violations.isEmpty()) {
                String message = violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
                condition(CONDITION_VALID, Conditions.FALSE, "InvalidSpec", message);
                ClusterPhase phase = world.statefulSet().isPresent() ? ClusterPhase.FAILED_TO_UPDATE : ClusterPhase.FAILED_TO_CREATE;
                return finish(phase, message, Optional.empty());
            }
            condition(CONDITION_VALID, Conditions.TRUE, "SpecValid", "the spec is valid");

            List<PolicyViolation> disallowed = PodPolicyCheck.violations(spec, defaults.podPolicy(),
                    defaults.imageRepository());
            if (!disallowed.isEmpty()) {
                // Nothing is created or changed: the spec asks for pods this install does not allow.
                String message = disallowed.stream().map(PolicyViolation::toString).collect(Collectors.joining("; "));
                condition(CONDITION_ALLOWED, Conditions.FALSE, "RefusedByPodPolicy", message);
                ClusterPhase phase = world.statefulSet().isPresent() ? ClusterPhase.FAILED_TO_UPDATE : ClusterPhase.FAILED_TO_CREATE;
                return finish(phase, message, Optional.empty());
            }
            if (status.getConditions() != null) {
                // Shown only while refused, so clusters the policy allows keep the status they always had.
                status.getConditions().removeIf(c -> CONDITION_ALLOWED.equals(c.getType()));
            }

            if (Boolean.TRUE.equals(spec.getSuspend())) {
                return suspend();
            }

            Optional<ClusterPhase> refused = decideVersion();
            if (refused.isPresent()) {
                return finish(refused.get(), status.getReason(), Optional.empty());
            }
            int replicas = decideReplicas();
            context = new ClusterContext(cluster, defaults, status.getVersion(), replicas);
            if (activity == null) {
                decideStorage();
            }
            if (activity == null) {
                decideRecreateNode();
            }
            if (activity == null || activity == ClusterPhase.UPGRADING) {
                decideRestart();
            }
            if (activity == null) {
                decideRebalance();
            }
            return finish(phase(), progress, Optional.of(context));
        }

        /** The spec as the world shows it was last applied: the volume size is the one that exists. */
        private QdrantClusterSpec observedSpec() {
            QdrantClusterSpec observed = new QdrantClusterSpec();
            observed.setVersion(spec.getVersion()); // upgrade paths are walked, not refused, here
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

        private ClusterPlan suspend() {
            boolean anythingLeft = world.statefulSet().isPresent() || !world.nodes().isEmpty();
            if (anythingLeft) {
                actions.add(new PlannedAction.DeleteOwnedObjects());
                inProgress(ClusterPhase.SUSPENDING, "removing everything but the volumes", IN_PROGRESS);
                return finish(ClusterPhase.SUSPENDING, progress, Optional.empty());
            }
            return finish(ClusterPhase.SUSPENDED, "suspended; volumes are kept", Optional.empty());
        }

        /** Sets status.version to the version being rolled to; returns a failure phase if the path is refused. */
        private Optional<ClusterPhase> decideVersion() {
            String current = previous.getVersion() == null || world.statefulSet().isEmpty()
                    ? spec.getVersion() : previous.getVersion();
            status.setVersion(current);
            if (current.equals(spec.getVersion()) || !rolloutComplete()) {
                return Optional.empty();
            }
            QdrantVersion from = QdrantVersion.parse(current).orElseThrow();
            QdrantVersion to = QdrantVersion.parse(spec.getVersion()).orElseThrow();
            UpgradePath.Step step = UpgradePath.next(from, to, world.knownReleases());
            if (step instanceof UpgradePath.Step.Refused refused) {
                condition(CONDITION_PROGRESSING, Conditions.FALSE, "UpgradePathRefused", refused.reason());
                status.setReason(refused.reason());
                return Optional.of(ClusterPhase.FAILED_TO_UPDATE);
            }
            if (step instanceof UpgradePath.Step.To next) {
                status.setVersion(next.version().toString());
                inProgress(ClusterPhase.UPGRADING, "upgrading from " + current + " to " + next.version()
                        + (next.version().toString().equals(spec.getVersion()) ? "" : " on the way to " + spec.getVersion()),
                        IN_PROGRESS);
            }
            return Optional.empty();
        }

        private int decideReplicas() {
            int target = spec.getSize();
            int current = world.statefulSet().map(StatefulSetObservation::replicas).orElse(target);
            Set<Integer> leaving = new TreeSet<>(previous.getDeleteInProgressNodeIndexes() == null
                    ? List.of() : previous.getDeleteInProgressNodeIndexes());
            for (int ordinal = target; ordinal < current; ordinal++) {
                leaving.add(ordinal);
            }
            leaving.removeIf(ordinal -> ordinal >= current && nodeAt(ordinal).isEmpty());
            if (!leaving.isEmpty()) {
                return drain(leaving, current, target);
            }
            status.setDeleteInProgressNodeIndexes(null);
            if (target > current) {
                for (int ordinal = current; ordinal < target; ordinal++) {
                    ClaimObservation claim = world.databaseClaims().get(ordinal);
                    if (claim != null && claim.removedPeer()) {
                        actions.add(new PlannedAction.DeleteClaims(ordinal));
                    }
                }
                inProgress(ClusterPhase.SCALING, "adding nodes: " + current + " -> " + target, IN_PROGRESS);
            }
            return target;
        }

        /** Moves every shard off the leaving nodes, removes their peers, and only then shrinks. */
        private int drain(Set<Integer> leaving, int current, int target) {
            status.setDeleteInProgressNodeIndexes(List.copyOf(leaving));
            if (world.consensus().isEmpty()) {
                inProgress(ClusterPhase.SCALING, "waiting for a Qdrant node to answer before draining nodes " + leaving,
                        WAITING_FOR_QDRANT);
                return current;
            }
            ConsensusObservation consensus = world.consensus().get();
            Map<Long, Integer> leavingPeers = new LinkedHashMap<>();
            Set<Long> remainingPeers = new TreeSet<>();
            for (NodeObservation node : world.nodes()) {
                if (node.peerId() == null) {
                    continue;
                }
                if (leaving.contains(node.ordinal())) {
                    leavingPeers.put(node.peerId(), node.ordinal());
                } else {
                    remainingPeers.add(node.peerId());
                }
            }
            leavingPeers.keySet().removeIf(peer -> !consensus.peers().contains(peer));
            if (remainingPeers.isEmpty()) {
                inProgress(ClusterPhase.SCALING, "waiting for nodes to report their peer ids before draining nodes "
                        + leaving, WAITING_FOR_QDRANT);
                return current;
            }
            Set<Long> unaccounted = peersOwnedByNoPod(consensus, leavingPeers.keySet(), remainingPeers);
            List<Integer> unmappedLeaving = leaving.stream()
                    .filter(o -> nodeAt(o).map(n -> n.peerId() == null).orElse(true)).toList();
            if (!unmappedLeaving.isEmpty() && !unaccounted.isEmpty()) {
                // One of these peers may be a leaving node whose pod is absent or silent: shrinking now could take
                // the only replica of its shards with it. Once every such peer is accounted for, or none is left in
                // consensus, leaving pods without a peer id (never started, or gone) no longer hold anything.
                inProgress(ClusterPhase.SCALING, "waiting for peers " + unaccounted + " to be matched to a pod before"
                        + " draining nodes " + leaving + " (nodes " + unmappedLeaving + " report no peer id)",
                        WAITING_FOR_QDRANT);
                return current;
            }
            if (consensus.pendingOperations() > 0) {
                // A change proposed earlier (perhaps one whose answer was lost) is still being committed: read again
                // once it is applied rather than propose it a second time.
                inProgress(ClusterPhase.SCALING, "waiting for " + consensus.pendingOperations()
                        + " consensus operations to be applied before draining nodes " + leaving, IN_PROGRESS);
                return current;
            }
            ShardDrainPlanner.DrainPlan plan = drainPlanner.plan(consensus.placements(), leavingPeers.keySet(), remainingPeers,
                    dropAbortsPeerTransfers());
            if (!plan.drained()) {
                if (!plan.actions().isEmpty()) {
                    actions.add(new PlannedAction.RunShardActions(plan.actions()));
                }
                inProgress(ClusterPhase.SCALING, "moving shards off nodes " + leaving + " before removing them"
                        + waitingFor(plan), IN_PROGRESS);
                return current;
            }
            leavingPeers.forEach((peer, ordinal) -> {
                actions.add(new PlannedAction.RemovePeer(peer, ordinal));
                actions.add(new PlannedAction.MarkClaimsOfRemovedPeer(ordinal, peer));
            });
            // A removal that landed although its answer was lost: the peer is gone, its volumes still need the mark.
            for (NodeObservation node : world.nodes()) {
                if (leaving.contains(node.ordinal()) && node.peerId() != null && !consensus.peers().contains(node.peerId())) {
                    actions.add(new PlannedAction.MarkClaimsOfRemovedPeer(node.ordinal(), node.peerId()));
                }
            }
            boolean podsGone = leaving.stream().allMatch(o -> nodeAt(o).isEmpty());
            if (podsGone && leavingPeers.isEmpty()) {
                status.setDeleteInProgressNodeIndexes(null);
                return target;
            }
            inProgress(ClusterPhase.SCALING, "removing drained nodes " + leaving, IN_PROGRESS);
            return target;
        }

        /** Peers in consensus that no observed pod reports: pods that are absent, not started, or not answering. */
        private Set<Long> peersOwnedByNoPod(ConsensusObservation consensus, Set<Long> leavingPeers,
                                            Set<Long> remainingPeers) {
            Set<Long> unaccounted = new TreeSet<>(consensus.peers());
            unaccounted.removeAll(leavingPeers);
            unaccounted.removeAll(remainingPeers);
            return unaccounted;
        }

        /** Grows volumes (StorageDecision) and says in StorageResizable what cannot grow. */
        private void decideStorage() {
            StorageDecision.Outcome storage = StorageDecision.decide(world, defaults.volumeExpansionMode(),
                    servingNodes());
            storage.problems().ifPresent(found -> {
                problems.addAll(found);
                reportProblems(CONDITION_STORAGE, found);
            });
            actions.addAll(storage.actions());
            holdStatefulSet = storage.holdStatefulSet();
            if (storage.progress() != null) {
                inProgress(ClusterPhase.UPDATING, storage.progress(), IN_PROGRESS);
                progressReason = storage.progressReason();
            }
        }

        /** A pod annotated recreate-node is drained, removed from consensus, and started on a fresh volume. */
        private void decideRecreateNode() {
            Optional<NodeObservation> marked = world.nodes().stream()
                    .filter(n -> n.recreateRequested() && !n.terminating()).findFirst();
            if (marked.isEmpty()) {
                return;
            }
            NodeObservation node = marked.get();
            inProgress(ClusterPhase.UPDATING, "recreating node " + node.podName(), IN_PROGRESS);
            if (world.consensus().isEmpty() || node.peerId() == null) {
                requeue = WAITING_FOR_QDRANT;
                return;
            }
            Set<Long> others = world.nodes().stream().filter(n -> n != node && n.peerId() != null)
                    .map(NodeObservation::peerId).collect(Collectors.toCollection(TreeSet::new));
            if (others.isEmpty()) {
                condition(CONDITION_PROGRESSING, Conditions.FALSE, "CannotRecreateOnlyNode",
                        "recreating the only node of a cluster would lose its data; scale up first");
                return;
            }
            if (world.consensus().get().pendingOperations() > 0) {
                return; // an earlier change is still being committed: read again once it is applied
            }
            ShardDrainPlanner.DrainPlan plan = drainPlanner.plan(world.consensus().get().placements(),
                    Set.of(node.peerId()), others, dropAbortsPeerTransfers());
            if (!plan.drained()) {
                if (!plan.actions().isEmpty()) {
                    actions.add(new PlannedAction.RunShardActions(plan.actions()));
                }
                progress += waitingFor(plan);
                return;
            }
            if (world.consensus().get().peers().contains(node.peerId())) {
                actions.add(new PlannedAction.RemovePeer(node.peerId(), node.ordinal()));
            }
            actions.add(new PlannedAction.DeletePod(node.podName()));
            actions.add(new PlannedAction.DeleteClaims(node.ordinal()));
        }

        /** Which shards the drain leaves alone and why, so a user sees what the scale-down waits for. */
        private String waitingFor(ShardDrainPlanner.DrainPlan plan) {
            if (plan.waiting().isEmpty()) {
                return "";
            }
            List<String> shown = plan.waiting().subList(0, Math.min(3, plan.waiting().size()));
            return "; waiting for shards " + String.join(", ", shown)
                    + (plan.waiting().size() > shown.size() ? " and " + (plan.waiting().size() - shown.size()) + " more" : "");
        }

        /** The desired objects for {@link #context}, looked up once per decision. */
        private DesiredObjectsMemo.Built built() {
            if (built == null) {
                built = desiredObjects.objectsFor(context);
            }
            return built;
        }

        private void decideRestart() {
            Optional<StatefulSetObservation> sts = world.statefulSet();
            if (sts.isEmpty()) {
                return;
            }
            // This reconcile is about to write a new template: until it has rolled out the cluster is not Healthy,
            // even though every pod still runs the previous template.
            if (!PodTemplates.unchanged(built().podTemplate(), sts.get().podTemplate())) {
                inProgress(upgrading() ? ClusterPhase.UPGRADING : ClusterPhase.UPDATING,
                        "applying a new pod template" + (upgrading() ? " for " + status.getVersion() : ""), IN_PROGRESS);
                return;
            }
            if (!sts.get().settled() || sts.get().updateRevision() == null) {
                inProgress(upgrading() ? ClusterPhase.UPGRADING : ClusterPhase.UPDATING,
                        "waiting for the StatefulSet controller to observe the new template", IN_PROGRESS);
                return;
            }
            // A pod Ready for less than MIN_READY does not count as back yet.
            Instant stableBefore = clock.instant().minus(MIN_READY);
            List<PodState> pods = podStates(n -> n.up() && (n.readySince() == null || !n.readySince().isAfter(stableBefore)));
            if (RollingRestartPlanner.complete(pods, sts.get().updateRevision(), sts.get().replicas())) {
                return;
            }
            boolean outdated = pods.stream().anyMatch(p -> !sts.get().updateRevision().equals(p.revision()));
            if (!outdated) {
                return;
            }
            boolean settled = world.consensus().map(ConsensusObservation::settled).orElse(false);
            boolean replicated = world.consensus().map(ConsensusObservation::anyCollectionReplicated).orElse(true);
            RestartMode mode = RestartMode.of(spec, replicated);
            RollingRestartPlanner.podsToRestart(pods, sts.get().updateRevision(), sts.get().replicas(), settled, mode)
                    .forEach(pod -> actions.add(new PlannedAction.DeletePod(pod.name())));
            String target = upgrading() ? " to " + status.getVersion() : "";
            if (mode == RestartMode.ROLLING) {
                inProgress(upgrading() ? ClusterPhase.UPGRADING : ClusterPhase.UPDATING, "rolling restart" + target,
                        IN_PROGRESS);
                return;
            }
            Problem allAtOnce = new Problem(RESTARTING_ALL_AT_ONCE, "all " + sts.get().replicas() + " nodes",
                    "restarting at once" + target + ", so the cluster is unavailable until they are back: "
                            + whyAllAtOnce());
            problems.add(allAtOnce);
            inProgress(upgrading() ? ClusterPhase.UPGRADING : ClusterPhase.UPDATING, allAtOnce.line(), IN_PROGRESS);
            progressReason = RESTARTING_ALL_AT_ONCE;
        }

        /** Why pods restart together (RestartMode.of), and how to have them restart one by one. */
        private String whyAllAtOnce() {
            if (spec.getRestartAllPodsConcurrently() != null) {
                return "spec.restartAllPodsConcurrently is true";
            }
            return "no collection is replicated, so restarting one node at a time would take its shards offline"
                    + " anyway and only take longer; replicate collections (replication_factor >= 2) or set"
                    + " spec.restartAllPodsConcurrently=false to restart one node at a time";
        }

        private void decideRebalance() {
            if (world.consensus().isEmpty() || !allNodesUp() || world.consensus().get().pendingOperations() > 0) {
                return;
            }
            ConsensusObservation consensus = world.consensus().get();
            RebalanceStrategy strategy = spec.getRebalanceStrategy() == null
                    ? RebalanceStrategy.BY_COUNT_AND_SIZE : spec.getRebalanceStrategy();
            Set<Long> peers = world.nodes().stream().map(NodeObservation::peerId).filter(p -> p != null)
                    .collect(Collectors.toSet());
            List<ShardAction> moves = ShardRebalancePlanner.plan(consensus.placements(), peers, strategy);
            boolean transfersRunning = consensus.placements().stream().anyMatch(p -> !p.transfers().isEmpty());
            if (!moves.isEmpty()) {
                actions.add(new PlannedAction.RunShardActions(moves));
            }
            if (!moves.isEmpty() || transfersRunning) {
                inProgress(ClusterPhase.SCALING, "rebalancing shards (" + strategy.wireValue() + ")", IN_PROGRESS);
            }
        }

        /** Records what is in progress, the phase it shows as, and when to look again. */
        private void inProgress(ClusterPhase phase, String message, Duration lookAgain) {
            activity = phase;
            progress = message;
            requeue = lookAgain;
        }

        private ClusterPhase phase() {
            if (activity != null) {
                return neverHealthy() && activity != ClusterPhase.UPGRADING ? ClusterPhase.CREATING : activity;
            }
            boolean healthy = allNodesUp() && world.consensus().map(c -> c.settled()
                    && c.peers().size() == spec.getSize()).orElse(false);
            if (healthy) {
                return ClusterPhase.HEALTHY;
            }
            ClusterPhase before = previous.getPhase();
            // Consensus is not an event: poll it once the pods are up; until then pod events wake us.
            Duration lookAgain = allNodesUp() ? IN_PROGRESS : WAITING_FOR_PODS;
            if (before == ClusterPhase.SUSPENDED || before == ClusterPhase.SUSPENDING || before == ClusterPhase.RESUMING) {
                inProgress(ClusterPhase.RESUMING, "resuming: waiting for " + spec.getSize() + " nodes", lookAgain);
                return ClusterPhase.RESUMING;
            }
            if (neverHealthy()) {
                inProgress(ClusterPhase.CREATING, "waiting for " + spec.getSize() + " nodes to be ready and in consensus",
                        lookAgain);
                return ClusterPhase.CREATING;
            }
            inProgress(ClusterPhase.NOT_READY, readyCount() + "/" + spec.getSize() + " nodes ready", lookAgain);
            return ClusterPhase.NOT_READY;
        }

        private boolean upgrading() {
            return !status.getVersion().equals(spec.getVersion())
                    || (previous.getVersion() != null && !previous.getVersion().equals(status.getVersion()));
        }

        private boolean neverHealthy() {
            return previous.getPhase() == null || previous.getPhase() == ClusterPhase.CREATING
                    || previous.getPhase() == ClusterPhase.FAILED_TO_CREATE;
        }

        private ClusterPlan finish(ClusterPhase phase, String reason, Optional<ClusterContext> apply) {
            status.setPhase(phase);
            String why = reason == null ? "" : reason;
            List<Problem> nodeProblems = ClusterDiagnosis.of(world.nodes(), world.podCreationErrors(),
                    new ClusterNames(spec.getId()).statefulSet(), clock.instant());
            reportProblems(CONDITION_NODES, nodeProblems);
            List<Problem> reported = new ArrayList<>(nodeProblems);
            problems.stream().filter(p -> !RESTARTING_ALL_AT_ONCE.equals(p.reason())).forEach(reported::add);
            String summary = ClusterDiagnosis.summary(reported, spec.getSize());
            // The problem first: "1 of 3 nodes cannot be scheduled: ..." says more than "waiting for 3 nodes".
            status.setReason(summary.isEmpty() ? why : why.isEmpty() ? summary : summary + "; " + why);
            problems.addAll(0, nodeProblems);
            int ready = readyCount();
            condition(CONDITION_ACCEPTING_CONNECTION, ready > 0 ? Conditions.TRUE : Conditions.FALSE,
                    ready > 0 ? "NodesReady" : "NoNodeReady", ready + "/" + spec.getSize() + " nodes ready");
            if (phase != ClusterPhase.FAILED_TO_UPDATE && phase != ClusterPhase.FAILED_TO_CREATE) {
                boolean busy = activity != null;
                condition(CONDITION_PROGRESSING, busy ? Conditions.TRUE : Conditions.FALSE,
                        busy ? (progressReason != null ? progressReason : phaseReason(phase)) : "Idle",
                        busy ? progress : "no operation in progress");
            }
            List<HasMetadata> desired = apply.isEmpty() ? List.of() : built().all();
            if (holdStatefulSet) {
                desired = desired.stream().filter(o -> !(o instanceof io.fabric8.kubernetes.api.model.apps.StatefulSet))
                        .toList();
            }
            return new ClusterPlan(apply, desired, actions, status, Optional.ofNullable(requeue), problems);
        }

        /**
         * Condition {@code type} False with every problem, the first one's reason as its reason, while there is one;
         * absent otherwise, so a cluster without problems keeps the status it always had.
         */
        private void reportProblems(String type, List<Problem> found) {
            if (found.isEmpty()) {
                if (status.getConditions() != null) {
                    status.getConditions().removeIf(c -> type.equals(c.getType()));
                }
                return;
            }
            condition(type, Conditions.FALSE, found.get(0).reason(),
                    found.stream().map(Problem::line).collect(Collectors.joining("; ")));
        }

        private String phaseReason(ClusterPhase phase) {
            return phase.wireValue();
        }

        private boolean rolloutComplete() {
            return world.statefulSet().map(sts -> sts.settled() && sts.updateRevision() != null
                    && RollingRestartPlanner.complete(podStates(), sts.updateRevision(), sts.replicas())).orElse(false);
        }

        /** Every node's pod Ready and the node in consensus: /readyz alone stays true on a node cut off from its peers. */
        private boolean allNodesUp() {
            return world.nodes().size() == spec.getSize() && world.nodes().stream().allMatch(NodeObservation::up);
        }

        /**
         * Up to v1.16.2 {@code drop_replica} aborts every transfer of the peer in the collection. The oldest version
         * that may run decides: the one recorded before this reconcile and the one rolled to now.
         */
        private boolean dropAbortsPeerTransfers() {
            QdrantVersion fixed = new QdrantVersion(1, 16, 3);
            for (String version : new String[] {previous.getVersion(), status.getVersion(), spec.getVersion()}) {
                if (version != null && QdrantVersion.parse(version).map(v -> v.compareTo(fixed) < 0).orElse(true)) {
                    return true;
                }
            }
            return false;
        }

        /** Ordinals of nodes up for at least MIN_READY: a node that just came back does not count yet. */
        private Set<Integer> servingNodes() {
            Instant stableBefore = clock.instant().minus(MIN_READY);
            return world.nodes().stream()
                    .filter(n -> n.up() && (n.readySince() == null || !n.readySince().isAfter(stableBefore)))
                    .map(NodeObservation::ordinal).collect(Collectors.toSet());
        }

        private int readyCount() {
            return (int) world.nodes().stream().filter(n -> n.ready() && !n.terminating()).count();
        }

        private List<PodState> podStates() {
            return podStates(NodeObservation::ready);
        }

        /** @param ready whether a node counts as ready */
        private List<PodState> podStates(Predicate<NodeObservation> ready) {
            return world.nodes().stream().map(n -> new PodState(n.podName(), n.ordinal(), n.revision(), ready.test(n),
                    n.terminating())).toList();
        }

        private Optional<NodeObservation> nodeAt(int ordinal) {
            return world.nodes().stream().filter(n -> n.ordinal() == ordinal).findFirst();
        }

        private void describeNodes() {
            Map<String, NodeStatus> nodes = new LinkedHashMap<>();
            List<Integer> indexes = new ArrayList<>();
            for (NodeObservation node : world.nodes()) {
                NodeStatus previousNode = previous.getNodes() == null ? null : previous.getNodes().get(node.podName());
                NodeStatus out = new NodeStatus();
                out.setName(node.podName());
                out.setPodPhase(node.phase());
                out.setRestartCount(node.restartCount());
                out.setState(Map.of("Ready", node.ready() ? "True" : "False"));
                Optional<Problem> problem = node.trouble() == null ? Optional.empty()
                        : ClusterDiagnosis.problemOf(node.podName(), node.trouble(), clock.instant());
                out.setPodReason(problem.map(Problem::reason).orElse(null));
                // The pull error itself changes with every attempt: shown per node, not in the condition.
                String kubelet = node.trouble() instanceof PodTrouble.ImagePullFailing && node.message() != null
                        ? " (kubelet: " + node.message() + ")" : "";
                out.setPodMessage(problem.map(p -> p.message() + kubelet).orElse(node.message()));
                out.setStartedAt(previousNode == null ? null : previousNode.getStartedAt());
                nodes.put(node.podName(), out);
                if (!node.terminating()) {
                    indexes.add(node.ordinal());
                }
            }
            indexes.sort(Integer::compare);
            status.setNodes(nodes.isEmpty() ? null : nodes);
            status.setAvailableNodeIndexes(indexes);
            status.setAvailableNodes(readyCount());
            status.setCurrentNodes(indexes.size());
        }

        private void condition(String type, String value, String reason, String message) {
            if (status.getConditions() == null) {
                status.setConditions(new ArrayList<>());
            }
            conditions.set(status.getConditions(), type, value, reason, message, generation);
        }

        private QdrantClusterStatus copyOfPrevious() {
            QdrantClusterStatus copy = new QdrantClusterStatus();
            copy.setVersion(previous.getVersion());
            copy.setPhase(previous.getPhase());
            copy.setDeleteInProgressNodeIndexes(previous.getDeleteInProgressNodeIndexes());
            if (previous.getConditions() != null) {
                List<Condition> list = new ArrayList<>();
                previous.getConditions().forEach(c -> list.add(new io.fabric8.kubernetes.api.model.ConditionBuilder(c).build()));
                copy.setConditions(list);
            }
            previous.getUnknownFields().forEach(copy::setUnknownField);
            return copy;
        }
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
