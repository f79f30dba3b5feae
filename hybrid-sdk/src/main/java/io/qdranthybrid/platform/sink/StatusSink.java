package io.qdranthybrid.platform.sink;

import io.qdranthybrid.protocol.message.ResourceStatus;

/**
 * Where resource statuses reported by agents go (SPI; {@link InMemoryStatusSink} is the default). Called on session
 * threads: return quickly. Throwing leaves the message unacknowledged, so the agent sends it again after a reconnect.
 */
public interface StatusSink {

    void resourceStatus(String environmentId, ResourceStatus status);

    /** The agent rejected a desired state; called once per resource it carried. */
    void resourceRejected(String environmentId, ResourceRejection rejection);

    /** The agent applied desired state up to {@code revision}: rejections at or below it are over. */
    void desiredStateApplied(String environmentId, long revision);

    /** The environment was decommissioned: forget everything held for it. */
    default void environmentRemoved(String environmentId) {
    }
}
