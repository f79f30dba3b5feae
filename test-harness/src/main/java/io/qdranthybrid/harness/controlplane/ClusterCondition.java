package io.qdranthybrid.harness.controlplane;

/** One Kubernetes-style condition of a cluster, as its operator reported it. */
public record ClusterCondition(String type, String status, String reason, String message) {
}
