package io.qdranthybrid.platform.desired;

import io.qdranthybrid.protocol.message.DesiredResource;

import java.util.List;

/**
 * The durable part of one environment's desired state: its current revision and every live (non-deleted) resource.
 *
 * @param revision  the last revision handed out; a reloaded store continues after it
 * @param resources the live resources, each with the revision it was stored at; never tombstones
 */
public record PersistedDesiredState(long revision, List<DesiredResource> resources) {

    public PersistedDesiredState {
        if (revision < 0 || revision > DesiredStateStore.MAX_REVISION) {
            throw new IllegalArgumentException("revision must be between 0 and " + DesiredStateStore.MAX_REVISION
                    + " but was " + revision);
        }
        resources = List.copyOf(resources);
        for (DesiredResource resource : resources) {
            if (resource.isTombstone()) {
                throw new IllegalArgumentException("a persisted desired state holds live resources only, not the "
                        + "tombstone of " + resource.key());
            }
            if (resource.revision() > revision) {
                throw new IllegalArgumentException(resource.key() + " is at revision " + resource.revision()
                        + ", above the state's revision " + revision);
            }
        }
    }
}
