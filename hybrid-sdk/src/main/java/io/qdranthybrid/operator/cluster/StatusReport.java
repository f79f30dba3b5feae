package io.qdranthybrid.operator.cluster;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.NodeStatus;
import io.qdranthybrid.crd.QdrantClusterSpec;
import io.qdranthybrid.crd.QdrantClusterStatus;
import io.qdranthybrid.operator.cluster.ClusterObservation.NodeObservation;
import io.qdranthybrid.reconcile.Conditions;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static io.qdranthybrid.operator.cluster.ClusterLifecycle.CONDITION_ACCEPTING_CONNECTION;
import static io.qdranthybrid.operator.cluster.ClusterLifecycle.CONDITION_NODES;
import static io.qdranthybrid.operator.cluster.ClusterLifecycle.CONDITION_PROGRESSING;
import static io.qdranthybrid.operator.cluster.ClusterLifecycle.IN_PROGRESS;
import static io.qdranthybrid.operator.cluster.ClusterLifecycle.RESTARTING_ALL_AT_ONCE;
import static io.qdranthybrid.operator.cluster.ClusterLifecycle.WAITING_FOR_PODS;

/**
 * The status one decision writes: each node's description, the phase, the reason (the problems first, then what is in
 * progress), and the conditions, each kept from the previous status so lastTransitionTime moves only when a condition
 * flips. Everything a user reads in {@code kubectl get qc -o yaml} is said here, apart from the steps that decide.
 */
final class StatusReport {

    private final ClusterObservation world;
    private final QdrantClusterSpec spec;
    private final QdrantClusterStatus previous;
    private final QdrantClusterStatus status;
    private final long generation;
    private final Conditions conditions;
    private final Clock clock;

    /** Starts from the previous status: its version, phase, nodes leaving and conditions stand until a step changes them. */
    StatusReport(ClusterObservation world, Conditions conditions, Clock clock) {
        this.world = world;
        this.spec = world.cluster().getSpec();
        this.previous = world.cluster().getStatus() == null ? new QdrantClusterStatus() : world.cluster().getStatus();
        this.status = copyOfPrevious();
        this.generation = world.cluster().getMetadata().getGeneration() == null
                ? 0 : world.cluster().getMetadata().getGeneration();
        this.conditions = conditions;
        this.clock = clock;
        status.setSelector(new ClusterNames(spec.getId()).selectorString());
        status.setObservedGeneration(generation);
        describeNodes();
    }

    /** The status as last written (empty for a new cluster). */
    QdrantClusterStatus previous() {
        return previous;
    }

    QdrantClusterStatus status() {
        return status;
    }

    void version(String rollingTo) {
        status.setVersion(rollingTo);
    }

    /** @param leaving the nodes still being drained and removed, null when none */
    void nodesLeaving(List<Integer> leaving) {
        status.setDeleteInProgressNodeIndexes(leaving);
    }

    void condition(String type, String value, String reason, String message) {
        if (status.getConditions() == null) {
            status.setConditions(new ArrayList<>());
        }
        conditions.set(status.getConditions(), type, value, reason, message, generation);
    }

    /** Removes a condition shown only while something is wrong, so a cluster without it keeps the status it had. */
    void withdraw(String type) {
        if (status.getConditions() != null) {
            status.getConditions().removeIf(c -> type.equals(c.getType()));
        }
    }

    void apply(StepOutcome.ConditionChange change) {
        if (change instanceof StepOutcome.ConditionChange.Write write) {
            condition(write.type(), write.status(), write.reason(), write.message());
        } else if (change instanceof StepOutcome.ConditionChange.ListProblems list) {
            reportProblems(list.type(), list.found());
        }
    }

    /**
     * The phase shown: the activity in progress (Creating until the cluster was first Healthy, except an upgrade),
     * Healthy, or else what the cluster waits for, which is then recorded in {@code plan} as its progress.
     */
    ClusterPhase phase(PlanSoFar plan) {
        if (plan.progress().isPresent()) {
            ClusterPhase activity = plan.progress().get().phase();
            return neverHealthy() && activity != ClusterPhase.UPGRADING ? ClusterPhase.CREATING : activity;
        }
        boolean allNodesUp = world.allNodesUp();
        boolean healthy = allNodesUp && world.consensus().map(c -> c.settled()
                && c.peers().size() == spec.getSize()).orElse(false);
        if (healthy) {
            return ClusterPhase.HEALTHY;
        }
        ClusterPhase before = previous.getPhase();
        // Consensus is not an event: poll it once the pods are up; until then pod events wake us.
        Duration lookAgain = allNodesUp ? IN_PROGRESS : WAITING_FOR_PODS;
        Progress waiting;
        if (before == ClusterPhase.SUSPENDED || before == ClusterPhase.SUSPENDING || before == ClusterPhase.RESUMING) {
            waiting = new Progress(ClusterPhase.RESUMING, "resuming: waiting for " + spec.getSize() + " nodes",
                    lookAgain);
        } else if (neverHealthy()) {
            waiting = new Progress(ClusterPhase.CREATING, "waiting for " + spec.getSize()
                    + " nodes to be ready and in consensus", lookAgain);
        } else {
            waiting = new Progress(ClusterPhase.NOT_READY, world.readyNodes() + "/" + spec.getSize() + " nodes ready",
                    lookAgain);
        }
        plan.add(StepOutcome.of(List.of(), waiting));
        return waiting.phase();
    }

    /**
     * Writes the phase, the reason and the conditions every decision writes.
     *
     * @param reason what the cluster is doing or why it stopped; the problems found are put before it
     * @return every problem to show, the nodes' first
     */
    List<Problem> finish(ClusterPhase phase, String reason, PlanSoFar plan) {
        status.setPhase(phase);
        String why = reason == null ? "" : reason;
        List<Problem> nodeProblems = ClusterDiagnosis.of(world.nodes(), world.podCreationErrors(),
                new ClusterNames(spec.getId()).statefulSet(), clock.instant());
        reportProblems(CONDITION_NODES, nodeProblems);
        List<Problem> reported = new ArrayList<>(nodeProblems);
        plan.problems().stream().filter(p -> !RESTARTING_ALL_AT_ONCE.equals(p.reason())).forEach(reported::add);
        String summary = ClusterDiagnosis.summary(reported, spec.getSize());
        // The problem first: "1 of 3 nodes cannot be scheduled: ..." says more than "waiting for 3 nodes".
        status.setReason(summary.isEmpty() ? why : why.isEmpty() ? summary : summary + "; " + why);
        int ready = world.readyNodes();
        condition(CONDITION_ACCEPTING_CONNECTION, ready > 0 ? Conditions.TRUE : Conditions.FALSE,
                ready > 0 ? "NodesReady" : "NoNodeReady", ready + "/" + spec.getSize() + " nodes ready");
        if (phase != ClusterPhase.FAILED_TO_UPDATE && phase != ClusterPhase.FAILED_TO_CREATE) {
            Optional<Progress> progress = plan.progress();
            condition(CONDITION_PROGRESSING, progress.isPresent() ? Conditions.TRUE : Conditions.FALSE,
                    progress.map(p -> p.reason() != null ? p.reason() : phase.wireValue()).orElse("Idle"),
                    progress.map(Progress::message).orElse("no operation in progress"));
        }
        List<Problem> problems = new ArrayList<>(nodeProblems);
        problems.addAll(plan.problems());
        return problems;
    }

    /**
     * Condition {@code type} False with every problem, the first one's reason as its reason, while there is one;
     * absent otherwise, so a cluster without problems keeps the status it always had.
     */
    private void reportProblems(String type, List<Problem> found) {
        if (found.isEmpty()) {
            withdraw(type);
            return;
        }
        condition(type, Conditions.FALSE, found.get(0).reason(),
                found.stream().map(Problem::line).collect(Collectors.joining("; ")));
    }

    private boolean neverHealthy() {
        return previous.getPhase() == null || previous.getPhase() == ClusterPhase.CREATING
                || previous.getPhase() == ClusterPhase.FAILED_TO_CREATE;
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
        status.setAvailableNodes(world.readyNodes());
        status.setCurrentNodes(indexes.size());
    }

    private QdrantClusterStatus copyOfPrevious() {
        QdrantClusterStatus copy = new QdrantClusterStatus();
        copy.setVersion(previous.getVersion());
        copy.setPhase(previous.getPhase());
        copy.setDeleteInProgressNodeIndexes(previous.getDeleteInProgressNodeIndexes());
        if (previous.getConditions() != null) {
            List<Condition> list = new ArrayList<>();
            previous.getConditions().forEach(c -> list.add(new ConditionBuilder(c).build()));
            copy.setConditions(list);
        }
        previous.getUnknownFields().forEach(copy::setUnknownField);
        return copy;
    }
}
