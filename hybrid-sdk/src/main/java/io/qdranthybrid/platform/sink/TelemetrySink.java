package io.qdranthybrid.platform.sink;

import io.qdranthybrid.protocol.message.Telemetry;

/**
 * Where agents' metrics and Kubernetes events go (SPI; {@link InMemoryTelemetrySink} is the default). Called on session
 * threads: return quickly. {@link Telemetry#droppedItems()} counts what the agent lost before sending.
 */
@FunctionalInterface
public interface TelemetrySink {

    void telemetry(String environmentId, Telemetry batch);

    /** The environment was decommissioned: forget everything held for it. */
    default void environmentRemoved(String environmentId) {
    }
}
