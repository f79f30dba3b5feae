package io.qdranthybrid.operator.cluster;

import io.qdranthybrid.crd.QdrantClusterStatus;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one reconcile does: apply the desired objects of {@code apply} (absent when the cluster must be
 * left alone or torn down), perform {@code actions} in order, write {@code status}, and look again after
 * {@code requeueAfter} while something is in progress.
 */
public record ClusterPlan(Optional<ClusterContext> apply, List<PlannedAction> actions, QdrantClusterStatus status,
                          Optional<Duration> requeueAfter) {

    public ClusterPlan {
        actions = List.copyOf(actions);
    }
}
