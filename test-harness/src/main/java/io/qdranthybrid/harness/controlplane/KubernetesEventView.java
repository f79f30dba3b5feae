package io.qdranthybrid.harness.controlplane;

/** One Kubernetes event about a cluster's objects, as its agent listed it on request. */
public record KubernetesEventView(String type, String reason, String message, String involvedKind,
                                  String involvedName, int count, String lastSeen) {
}
