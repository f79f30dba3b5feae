package io.qdranthybrid.benchmarks.convergence;

import io.qdranthybrid.harness.cluster.SimulatedCluster;

/**
 * An operator that reconciles QdrantClusters in one namespace of a simulated cluster, run by a convergence
 * measurement. Its Kubernetes client must identify itself with {@link #userAgent()}, so the API server's journal
 * counts its requests apart from the simulator's own controllers.
 */
public interface OperatorUnderTest extends AutoCloseable {

    /** Shown in results, e.g. "qdrant-hybrid" or "JOSDK 5.1.5". */
    String name();

    String userAgent();

    /**
     * Starts reconciling QdrantClusters in {@code namespace}; returns once its caches are synced and it reconciles, so
     * the time to converge measures reconciling, not start-up.
     */
    void start(SimulatedCluster cluster, String namespace);

    /**
     * Name prefixes of the threads that do the operator's own work (reconciling, its Qdrant calls), whose CPU time is
     * reported as the operator's; empty when they cannot be told apart from the simulator's.
     */
    default java.util.List<String> threadNamePrefixes() {
        return java.util.List.of();
    }

    /** QdrantCluster reconciles run since start; -1 when the operator does not tell. */
    default long reconciles() {
        return -1;
    }

    /** Stops reconciling and releases the operator's caches and client. */
    @Override
    void close();
}
