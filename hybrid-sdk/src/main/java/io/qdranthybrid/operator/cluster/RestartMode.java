package io.qdranthybrid.operator.cluster;

import io.qdranthybrid.crd.QdrantClusterSpec;

/** Whether pods that need a restart go one at a time or all at once. */
public enum RestartMode {
    /** One pod at a time, each after the previous is ready and back in consensus: no downtime with replicas. */
    ROLLING,
    /** All at once: a short outage, but a restart of an unreplicated cluster has one anyway. */
    CONCURRENT;

    /**
     * {@code restartAllPodsConcurrently} decides when set; unset means concurrent only when no collection is
     * replicated, because then every rolling step takes some shards offline anyway.
     */
    public static RestartMode of(QdrantClusterSpec spec, boolean anyCollectionReplicated) {
        if (spec.getRestartAllPodsConcurrently() != null) {
            return spec.getRestartAllPodsConcurrently() ? CONCURRENT : ROLLING;
        }
        return anyCollectionReplicated ? ROLLING : CONCURRENT;
    }
}
