package io.qdranthybrid.operator.cluster;

import io.qdranthybrid.operator.cluster.ClusterObservation.NodeObservation;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What is wrong with a cluster's pods, and what to do about it, from what the scheduler, the kubelet and the
 * StatefulSet controller reported: pods that fit no node, images that cannot be pulled, containers that keep
 * exiting or never turn ready, and pods the StatefulSet controller was refused. Pure.
 */
public final class ClusterDiagnosis {

    /**
     * How long a running container may stay unready before it counts as failing its readiness probe: Qdrant loads
     * its shards and joins consensus first, which is routine for a few seconds after every start.
     */
    public static final Duration READINESS_GRACE = Duration.ofSeconds(60);

    /** Reasons of problems about one pod ({@link #problemOf}), which the summary counts per node. */
    private static final Set<String> POD_REASONS = union(Set.of("Unschedulable", "ImagePullBackOff", "CrashLoopBackOff",
            "ReadinessProbeFailing"), PodTrouble.START_REASONS);

    private ClusterDiagnosis() {
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    /**
     * @param nodes             the observed pods
     * @param podCreationErrors FailedCreate messages the StatefulSet controller recorded for pods that do not exist
     * @param statefulSet       the StatefulSet's name
     * @param now               the time, to tell a slow start from a failing readiness probe
     */
    public static List<Problem> of(List<NodeObservation> nodes, List<String> podCreationErrors, String statefulSet,
                                   Instant now) {
        List<Problem> problems = new ArrayList<>();
        for (String error : podCreationErrors) {
            problems.add(new Problem("FailedCreate", "StatefulSet " + statefulSet,
                    "pods cannot be created: " + error + "; " + adviceForRefusedPod(error)));
        }
        for (NodeObservation node : nodes) {
            if (node.trouble() == null || node.terminating()) {
                continue;
            }
            problemOf(node.podName(), node.trouble(), now).ifPresent(problems::add);
        }
        return problems;
    }

    static Optional<Problem> problemOf(String pod, PodTrouble trouble, Instant now) {
        if (trouble instanceof PodTrouble.Unschedulable u) {
            return Optional.of(new Problem("Unschedulable", pod, "cannot be scheduled: "
                    + u.schedulerMessage() + "; add capacity or lower resources"));
        }
        if (trouble instanceof PodTrouble.ImagePullFailing i) {
            // One reason and message for both ErrImagePull and ImagePullBackOff, which alternate on every attempt:
            // the problem stays the same, so it is one Event, not one per attempt. The kubelet's error is per node.
            return Optional.of(new Problem("ImagePullBackOff", pod, "cannot pull image " + i.image()
                    + "; check spec.image (repository and version), that the registry is reachable from the nodes,"
                    + " and its pull secret (spec.image.pullSecretName)"));
        }
        if (trouble instanceof PodTrouble.CrashLooping c) {
            return Optional.of(new Problem("CrashLoopBackOff", pod, "container keeps exiting" + exit(c)
                    + "; check its logs (kubectl logs " + pod + " --previous) and spec.config"));
        }
        if (trouble instanceof PodTrouble.CannotStart s) {
            return Optional.of(new Problem(s.reason(), pod, "container cannot start: "
                    + (s.message() == null ? s.reason() : s.message()) + "; create what is missing or fix the reference"));
        }
        PodTrouble.NotReady notReady = (PodTrouble.NotReady) trouble;
        if (notReady.runningSince() == null
                || Duration.between(notReady.runningSince(), now).compareTo(READINESS_GRACE) < 0) {
            return Optional.empty();
        }
        return Optional.of(new Problem("ReadinessProbeFailing", pod, "running but not ready since "
                + notReady.runningSince() + ": its readiness probe (/readyz) fails; check its logs (kubectl logs "
                + pod + ") for consensus or storage errors"));
    }

    private static String exit(PodTrouble.CrashLooping crash) {
        if (crash.exitCode() == null) {
            return "";
        }
        return ": last exit code " + crash.exitCode() + (crash.exitReason() == null ? "" : " (" + crash.exitReason() + ")")
                + (crash.exitMessage() == null || crash.exitMessage().isBlank() ? "" : ": " + crash.exitMessage());
    }

    /** The PodSecurity admission and ResourceQuota refusals have a known fix; others are named as they are. */
    private static String adviceForRefusedPod(String error) {
        if (error.contains("violates PodSecurity")) {
            return "remove what the namespace's Pod Security level forbids from the spec (security.user, additional"
                    + " volumes) or label the namespace with a level that allows it (pod-security.kubernetes.io/enforce)";
        }
        if (error.contains("exceeded quota")) {
            return "raise the namespace's ResourceQuota or lower spec.resources";
        }
        return "fix what the message names";
    }

    /**
     * The StatefulSet controller's latest refusal to create a pod: its FailedCreate Warning Event
     * (stateful_pod_control.go recordPodEvent) on this StatefulSet (same uid, when known). An Event older than the
     * newest pod is about a refusal since overcome.
     */
    public static List<String> podCreationErrors(List<Event> events, String statefulSetUid, List<Pod> pods) {
        String newestPod = pods.stream().map(p -> p.getMetadata().getCreationTimestamp()).filter(t -> t != null)
                .max(Comparator.naturalOrder()).orElse(null);
        return events.stream()
                .filter(e -> "Warning".equals(e.getType()) && "FailedCreate".equals(e.getReason()))
                .filter(e -> statefulSetUid == null || e.getInvolvedObject() == null
                        || e.getInvolvedObject().getUid() == null || statefulSetUid.equals(e.getInvolvedObject().getUid()))
                .filter(e -> newestPod == null || lastSeen(e) == null || lastSeen(e).compareTo(newestPod) >= 0)
                .sorted(Comparator.comparing(ClusterDiagnosis::lastSeen, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .reversed())
                .map(Event::getMessage)
                .limit(1)
                .toList();
    }

    private static String lastSeen(Event event) {
        return event.getLastTimestamp() != null ? event.getLastTimestamp()
                : event.getEventTime() != null ? event.getEventTime().getTime() : event.getFirstTimestamp();
    }

    /**
     * One sentence per kind of problem, for status.reason: "1 of 3 nodes cannot be scheduled: 0/3 nodes are
     * available: 3 Insufficient cpu.; add capacity or lower resources".
     */
    public static String summary(List<Problem> problems, int size) {
        Map<String, List<Problem>> byReason = new LinkedHashMap<>();
        problems.forEach(p -> byReason.computeIfAbsent(p.reason(), r -> new ArrayList<>()).add(p));
        List<String> sentences = new ArrayList<>();
        byReason.forEach((reason, list) -> {
            Problem first = list.get(0);
            sentences.add(POD_REASONS.contains(reason) ? list.size() + " of " + size + " nodes " + verb(reason) + ": "
                    + withoutLead(first.message()) : first.line());
        });
        return sentences.stream().collect(Collectors.joining("; "));
    }

    private static String verb(String reason) {
        return switch (reason) {
            case "Unschedulable" -> "cannot be scheduled";
            case "ImagePullBackOff" -> "cannot pull their image";
            case "CrashLoopBackOff" -> "keep crashing";
            case "ReadinessProbeFailing" -> "are running but not ready";
            default -> "cannot start (" + reason + ")";
        };
    }

    /** The message after its lead ("cannot be scheduled: "), which the summary's verb already says. */
    private static String withoutLead(String message) {
        int colon = message.indexOf(": ");
        return colon < 0 ? message : message.substring(colon + 2);
    }
}
