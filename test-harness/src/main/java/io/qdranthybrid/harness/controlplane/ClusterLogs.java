package io.qdranthybrid.harness.controlplane;

/**
 * A cluster's log as its agent read it just now. {@code truncated}: the answer reached the size bound and ends with
 * a line saying so.
 */
public record ClusterLogs(String clusterId, String node, boolean previous, String log, boolean truncated) {
}
