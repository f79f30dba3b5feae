package io.qdranthybrid.benchmarks.convergence;

import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.operator.cluster.ClusterContext;
import io.qdranthybrid.operator.cluster.DesiredClusterObjects;
import io.qdranthybrid.operator.cluster.OperatorDefaults;

import java.util.List;

/**
 * The fewest API writes that take a new QdrantCluster to Healthy: one create per object it owns (as our pure
 * desired-object functions compute them) plus one status write per phase it must pass through. Events are not
 * needed for convergence and are counted apart.
 */
public final class MinimumWrites {

    /** A new cluster must say it is being created, then that it is healthy. */
    public static final List<ClusterPhase> PHASES_OF_A_NEW_CLUSTER = List.of(ClusterPhase.CREATING, ClusterPhase.HEALTHY);

    private MinimumWrites() {
    }

    public static int ownedObjects(QdrantCluster cluster, OperatorDefaults defaults) {
        return DesiredClusterObjects.of(ClusterContext.steady(cluster, defaults)).size();
    }

    public static int statusTransitions() {
        return PHASES_OF_A_NEW_CLUSTER.size();
    }

    public static int perNewCluster(QdrantCluster cluster, OperatorDefaults defaults) {
        return ownedObjects(cluster, defaults) + statusTransitions();
    }
}
