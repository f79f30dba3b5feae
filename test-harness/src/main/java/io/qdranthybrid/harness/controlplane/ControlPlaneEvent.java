package io.qdranthybrid.harness.controlplane;

import java.time.Instant;

/**
 * Something that changed in the control plane: a user's request, an agent connecting or leaving, a status the agent
 * reported. The console updates live from these; tests read them as a timeline.
 *
 * @param sequence      increasing from 1, so a listener can tell order and gaps
 * @param environmentId the environment concerned, empty for control-plane-wide events (outage, recovery)
 * @param subject       what changed within the environment: a cluster id, a backup or schedule name; may be empty
 * @param detail        a short human-readable description
 */
public record ControlPlaneEvent(long sequence, Instant at, Type type, String environmentId, String subject,
                                String detail) {

    public ControlPlaneEvent {
        environmentId = environmentId == null ? "" : environmentId;
        subject = subject == null ? "" : subject;
        detail = detail == null ? "" : detail;
    }

    public enum Type {
        ENVIRONMENT_CREATED,
        ENVIRONMENT_UPDATED,
        ENVIRONMENT_DELETED,
        ENVIRONMENT_BOOTSTRAPPED,
        ACCESS_KEY_ISSUED,
        /** The agent reported a new environment status (components, Kubernetes version, nodes). */
        ENVIRONMENT_STATUS,
        AGENT_CONNECTED,
        AGENT_DISCONNECTED,
        CLUSTER_CREATED,
        CLUSTER_CHANGED,
        CLUSTER_DELETED,
        /** A deleted cluster's objects are gone, as the agent reported: it leaves the list. */
        CLUSTER_REMOVED,
        /** A cluster deleted with force while its agent was stale: the record went, its objects may remain. */
        CLUSTER_FORCE_DELETED,
        /** An environment's delete started: the agent is told to remove what it manages, then the record goes. */
        ENVIRONMENT_DELETING,
        /** An environment deleted with force while its agent was stale: the namespace keeps what was there. */
        ENVIRONMENT_FORCE_DELETED,
        /** The agent reported a new status of a cluster (phase, nodes, version). */
        CLUSTER_STATUS,
        BACKUP_REQUESTED,
        BACKUP_DELETED,
        BACKUP_STATUS,
        SCHEDULE_CREATED,
        SCHEDULE_DELETED,
        SCHEDULE_STATUS,
        RESTORE_REQUESTED,
        RESTORE_STATUS,
        /** The agent refused desired state for a resource. */
        RESOURCE_REJECTED,
        /** The agent forwarded Kubernetes events (subject: the object of the last one). */
        KUBERNETES_EVENTS,
        OUTAGE_STARTED,
        OUTAGE_ENDED,
        /** The release catalogue was replaced and published to the bootstrapped environments. */
        RELEASES_CHANGED
    }
}
