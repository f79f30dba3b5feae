package io.qdranthybrid.operator.cluster;

import java.util.Comparator;
import java.util.List;

/**
 * Decides which pods to delete so they come back with the StatefulSet's current template. Level-triggered:
 * it looks only at what the pods are now, so an operator restarted mid-way picks up where it left off, and
 * in rolling mode it never takes a pod down while another is down or consensus is not settled.
 */
public final class RollingRestartPlanner {

    private RollingRestartPlanner() {
    }

    /** What the planner needs to know about one pod. */
    public record PodState(String name, int ordinal, String revision, boolean ready, boolean terminating) {
    }

    /**
     * @param pods            the cluster's pods as they are now
     * @param updateRevision  the StatefulSet's current template revision
     * @param expectedPods    how many pods the StatefulSet should have
     * @param consensusSettled every node is in consensus with nothing pending
     * @param mode            rolling or concurrent
     * @return pods to delete now; empty while waiting or when everything is current
     */
    public static List<PodState> podsToRestart(List<PodState> pods, String updateRevision, int expectedPods,
                                               boolean consensusSettled, RestartMode mode) {
        List<PodState> outdated = pods.stream()
                .filter(p -> !updateRevision.equals(p.revision()) && !p.terminating())
                .sorted(Comparator.comparingInt(PodState::ordinal).reversed())
                .toList();
        if (outdated.isEmpty()) {
            return List.of();
        }
        if (mode == RestartMode.CONCURRENT) {
            return outdated;
        }
        boolean allUp = pods.size() == expectedPods && pods.stream().allMatch(p -> p.ready() && !p.terminating());
        if (!allUp || !consensusSettled) {
            return List.of();
        }
        return List.of(outdated.get(0));
    }

    /** True when every pod runs the current template and is ready. */
    public static boolean complete(List<PodState> pods, String updateRevision, int expectedPods) {
        return pods.size() == expectedPods
                && pods.stream().allMatch(p -> updateRevision.equals(p.revision()) && p.ready() && !p.terminating());
    }
}
