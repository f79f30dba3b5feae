package io.qdranthybrid.harness.controlplane;

import java.time.Instant;

/**
 * What a user asks of a cluster's logs: one node (a pod name) or all, the last {@code tailLines} (1 to 5000, default
 * 200), since a number of seconds or a time, the previous container's log (after a crash). Ranges are checked by the
 * agent, which owns the rule; here only the shape.
 */
public record ClusterLogRequest(String node, Integer tailLines, Integer sinceSeconds, Instant sinceTime,
                                boolean previous) {

    public static ClusterLogRequest lastLines(String node, int tailLines) {
        return new ClusterLogRequest(node, tailLines, null, null, false);
    }

    public ClusterLogRequest previousContainer() {
        return new ClusterLogRequest(node, tailLines, sinceSeconds, sinceTime, true);
    }
}
