package io.qdranthybrid.operator.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.qdranthybrid.crd.QdrantClusterStatus;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one reconcile does: apply {@code desired}, the objects computed from {@code apply} (absent when the
 * cluster must be left alone or torn down), perform {@code actions} in order, write {@code status}, and look
 * again after {@code requeueAfter} while something is in progress; {@code problems} are what the status tells the
 * user to act on.
 */
public record ClusterPlan(Optional<ClusterContext> apply, List<HasMetadata> desired, List<PlannedAction> actions,
                          QdrantClusterStatus status, Optional<Duration> requeueAfter, List<Problem> problems) {

    public ClusterPlan {
        desired = List.copyOf(desired);
        actions = List.copyOf(actions);
        problems = List.copyOf(problems);
    }

    /** The problems this plan's status shows that {@code previous} did not: each is worth one Warning Event. */
    public List<Problem> newProblems(QdrantClusterStatus previous) {
        return problems.stream().filter(p -> p.newComparedTo(previous)).toList();
    }
}
