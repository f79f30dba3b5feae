package io.qdranthybrid.harness.kube.auth;

/**
 * A rule a user holds and the binding it holds it through, e.g. {@code RoleBinding "qdrant/op" of Role "op" to
 * ServiceAccount "op/qdrant"} (the text RBAC's allow reason uses, {@code rbac.go} authorizingVisitor).
 */
public record Grant(PolicyRule rule, String source) {
}
