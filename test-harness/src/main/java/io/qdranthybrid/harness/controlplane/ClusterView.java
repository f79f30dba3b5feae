package io.qdranthybrid.harness.controlplane;

import java.util.List;

/**
 * A cluster as a user sees it: what was asked for (nodes, version, resources, suspended) next to what the agent last
 * reported from the operator (phase, ready nodes, running nodes and version, conditions).
 *
 * @param phase           the operator's phase (e.g. {@code Creating}, {@code Healthy}); empty until reported;
 *                        {@value #DELETING} from the delete request until the agent reports the cluster's objects gone;
 *                        {@value #UNKNOWN} while the agent is stale (silent longer than the staleness window)
 * @param reason          why the cluster is in that phase, when the operator says (for {@code Deleting}: since when and
 *                        what it waits for)
 * @param nodesReady      nodes available according to the last report
 * @param nodes           nodes asked for
 * @param version         version asked for
 * @param runningVersion  version the operator reports in use (differs during an upgrade); empty until reported
 * @param desiredRevision the environment revision at which this spec was last changed (for {@code Deleting}: deleted)
 * @param reportedRevision the desired revision the agent had applied when it observed the reported status
 * @param pending         true while the agent has not reported {@code desiredRevision} yet, or while an in-place
 *                        restore runs (it replaces the spec when it succeeds)
 * @param pendingReason   why it is pending, e.g. "restoring backup b1: reverts version v1.13.0 → v1.12.3", "not yet
 *                        applied (agent disconnected since …)", "not yet applied (agent refused since …: KEY_ROTATED
 *                        …)", "not applied: the agent rejected it (…)", "not yet applied (being delivered …)"; empty
 *                        if not pending
 * @param runningNodes    nodes the operator runs according to the last report ({@code status.currentNodes}), 0 until
 *                        reported: while pending it may differ from {@code nodes}, and a view never shows one as
 *                        the other
 * @param summary         one line for a human, keeping what was asked apart from what runs while pending: "Healthy,
 *                        3/3 nodes ready" in sync; "pending: not yet applied (…); asked 2 nodes of v1.12.3, running 3
 *                        nodes of v1.12.3 (Healthy, 3 ready)" otherwise
 * @param endOfLife       the version asked for is end of life in the release catalogue: it runs, but is no longer
 *                        supported
 * @param nextUpgrade     the version to ask for next on the way to the newest available release (one minor at a
 *                        time); empty when there is none
 */
public record ClusterView(String id, String environmentId, String name, String phase, String reason, int nodesReady,
                          int nodes, String version, String runningVersion, String cpu, String memory, String storage,
                          boolean suspended, String restartedAt, List<ClusterCondition> conditions,
                          long desiredRevision, long reportedRevision, boolean pending, String pendingReason,
                          int runningNodes, String summary, boolean endOfLife, String nextUpgrade) {

    /** The phase of a cluster deleted in the control plane whose objects the agent has not reported gone yet. */
    public static final String DELETING = "Deleting";
    /**
     * The phase of a cluster whose agent has not been heard from for longer than the staleness window, as the hosted
     * product's {@code ClusterPhase.UNKNOWN}; the reason says since when and what was last reported. Only then may the
     * cluster be deleted with {@code force=true}.
     */
    public static final String UNKNOWN = "Unknown";

    public ClusterView {
        conditions = List.copyOf(conditions);
    }

    /** Whether the cluster was deleted and is on its way out. */
    public boolean deleting() {
        return DELETING.equals(phase);
    }
}
