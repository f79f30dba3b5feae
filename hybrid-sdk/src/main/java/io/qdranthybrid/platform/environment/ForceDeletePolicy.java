package io.qdranthybrid.platform.environment;

import java.util.Optional;

/**
 * When a delete must wait for the agent and when it may be forced, as the hosted product has it: a forced delete
 * ({@code DeleteCluster.force}, hybrid only) removes the record "without waiting for the cloud-agent to confirm" and is
 * gated on the UNKNOWN status, which a stale agent causes (qdrant-cloud public API, {@code ClusterPhase.UNKNOWN}).
 * Pure: a control plane turns a refusal into its own error (HTTP 409 in ours).
 */
public final class ForceDeletePolicy {

    /** The command a user runs in their cluster to remove what a forced delete left behind. */
    public static final String CLEANUP_COMMAND = "java -jar hybrid-agent.jar cleanup --namespace ";

    private ForceDeletePolicy() {
    }

    /**
     * Why a plain delete of {@code what} is refused: its agent is gone (stale), so nobody would ever remove it from the
     * cluster or confirm it. Empty when the agent is present, or was never heard from (nothing of it was created).
     */
    public static Optional<String> refusePlainDelete(String what, Environment environment, Staleness staleness) {
        if (!staleness.stale() || !staleness.everHeard()) {
            return Optional.empty();
        }
        return Optional.of(what + " reads UNKNOWN: " + staleness.why() + ". Its agent would have to remove it from"
                + " namespace " + environment.namespace() + " and confirm; bring the agent back (kubectl -n "
                + environment.namespace() + " logs deploy/qdrant-cloud-agent), or delete with force=true to remove"
                + " the record now and leave its objects in the namespace");
    }

    /** Why a forced delete of {@code what} is refused: only a stale agent's resources may be forced. */
    public static Optional<String> refuseForcedDelete(String what, Staleness staleness) {
        if (staleness.stale()) {
            return Optional.empty();
        }
        return Optional.of("force=true is allowed only while " + what + " reads UNKNOWN, i.e. its agent has been silent"
                + " for longer than the staleness window; " + staleness.why() + ". Delete without force: the agent"
                + " removes it and confirms");
    }

    /** What a forced cluster delete leaves in the customer's cluster, and what removes it. */
    public static String clusterLeftovers(String namespace, String clusterId, String objectName) {
        return "cluster " + clusterId + " was removed from the control plane without its agent; nothing was deleted"
                + " in Kubernetes: leftovers remain in namespace " + namespace + " (QdrantCluster " + objectName
                + ", its pods, volumes and backups). If the agent comes back, it deletes them as no longer desired;"
                + " if not, delete them with kubectl or run the cleanup: " + CLEANUP_COMMAND + namespace;
    }

    /** What a forced environment delete leaves in the customer's cluster, and what removes it. */
    public static String environmentLeftovers(String namespace) {
        return "the environment was removed from the control plane without its agent, whose key is revoked; nothing"
                + " was deleted in Kubernetes: leftovers remain in namespace " + namespace + " (agent, operator and any"
                + " Qdrant clusters): run the cleanup: " + CLEANUP_COMMAND + namespace + " --force";
    }

    /** Why a cluster or backup reads UNKNOWN, keeping what was last reported. */
    public static String unknownReason(String lastPhase, String lastReason, Staleness staleness) {
        String last = lastPhase == null || lastPhase.isEmpty() ? "nothing reported yet"
                : "last reported " + lastPhase + (lastReason == null || lastReason.isEmpty() ? "" : " (" + lastReason + ")");
        return "unknown since " + staleness.staleAt() + ": " + staleness.why() + "; " + last
                + ". A delete now needs force=true";
    }
}
