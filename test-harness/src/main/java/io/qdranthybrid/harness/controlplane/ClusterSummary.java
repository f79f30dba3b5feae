package io.qdranthybrid.harness.controlplane;

/**
 * The one line that sums a cluster up for a human. While the agent has not applied a change, what was asked and what
 * runs are named apart: "Healthy 3/2" (three ready of two asked, from a report older than the scale-down) must not
 * be readable as a fact. Pure.
 */
final class ClusterSummary {

    private ClusterSummary() {
    }

    /**
     * @param phase   the operator's reported phase, empty when none
     * @param deleted whether the cluster was deleted in the control plane (then nothing is asked any more)
     */
    static String of(String phase, int nodesReady, int runningNodes, String runningVersion, int nodes, String version,
                     boolean deleted, boolean pending, String pendingReason) {
        String reported = phase.isEmpty() ? "" : phase + ", " + nodesReady + " ready";
        if (!pending) {
            return phase.isEmpty() ? "no report from the operator yet" : phase + ", " + nodesReady + "/" + nodes
                    + " nodes ready";
        }
        String asked = deleted ? "deleted" : "asked " + nodes + " nodes of " + version;
        String running = reported.isEmpty() ? "nothing reported running yet"
                : "running " + runningNodes + " nodes of " + (runningVersion.isEmpty() ? "an unreported version"
                : runningVersion) + " (" + reported + ")";
        return "pending: " + pendingReason + "; " + asked + ", " + running;
    }
}
