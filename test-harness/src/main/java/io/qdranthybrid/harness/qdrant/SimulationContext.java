package io.qdranthybrid.harness.qdrant;

import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * What every cluster and node of one registry shares. One lock guards all simulated state: every
 * operation is a few map updates, so a single lock stays cheap even for 1,500 nodes and rules out
 * lock-ordering bugs between clusters, volumes and nodes.
 */
record SimulationContext(
        Object lock, VolumeStore volumes, ScheduledExecutorService timer, Supplier<SimulatedQdrantSettings> settings) {
}
