package io.qdranthybrid.harness.controlplane;

import java.util.List;

/**
 * A cluster as a user sees it: what was asked for (nodes, version, resources, suspended) next to what the agent last
 * reported from the operator (phase, ready nodes, running version, conditions).
 *
 * @param phase           the operator's phase (e.g. {@code Creating}, {@code Healthy}); empty until reported
 * @param reason          why the cluster is in that phase, when the operator says
 * @param nodesReady      nodes available according to the last report
 * @param nodes           nodes asked for
 * @param version         version asked for
 * @param runningVersion  version the operator reports in use (differs during an upgrade); empty until reported
 * @param desiredRevision the environment revision at which this spec was last changed
 * @param reportedRevision the desired revision the agent had applied when it observed the reported status
 * @param pending         true while the agent has not reported {@code desiredRevision} yet
 * @param pendingReason   why it is pending (agent away or refused, change rejected, not yet delivered); empty if not
 */
public record ClusterView(String id, String environmentId, String name, String phase, String reason, int nodesReady,
                          int nodes, String version, String runningVersion, String cpu, String memory, String storage,
                          boolean suspended, String restartedAt, List<ClusterCondition> conditions,
                          long desiredRevision, long reportedRevision, boolean pending, String pendingReason) {

    public ClusterView {
        conditions = List.copyOf(conditions);
    }
}
