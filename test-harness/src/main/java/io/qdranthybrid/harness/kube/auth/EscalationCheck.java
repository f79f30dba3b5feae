package io.qdranthybrid.harness.kube.auth;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Privilege-escalation prevention on RBAC writes, as in {@code pkg/registry/rbac/escalation_check.go} and
 * {@code pkg/registry/rbac/validation/rule.go} (ConfirmNoEscalation): a user may write a Role or ClusterRole only
 * with rules it already holds where the role applies, unless it may {@code escalate} roles; and may bind a role
 * only if it holds all of its rules there, unless it may {@code bind} that role. {@code system:masters} may do both.
 */
public final class EscalationCheck {

  private static final String RBAC_GROUP = "rbac.authorization.k8s.io";
  private final RbacAuthorizer authorizer;

  public EscalationCheck(RbacAuthorizer authorizer) {
    this.authorizer = authorizer;
  }

  /**
   * Why writing a Role (namespace set) or ClusterRole (namespace empty) with these rules is an escalation, empty
   * when it is not. The text follows ConfirmNoEscalation; the API server wraps it in a Forbidden error.
   */
  public Optional<String> checkRole(UserInfo user, String namespace, String name, JsonNode role) {
    if (user.isMaster()) {
      return Optional.empty();
    }
    String resource = namespace.isEmpty() ? "clusterroles" : "roles";
    if (authorizer.authorize(RequestAttributes.resource(user, "escalate", RBAC_GROUP, resource, "", namespace, name))
        .allowed()) {
      return Optional.empty();
    }
    List<PolicyRule> rules = PolicyRule.fromJson(role.path("rules"));
    if (namespace.isEmpty() && role.path("aggregationRule").path("clusterRoleSelectors").size() > 0) {
      // An aggregated ClusterRole grants what it selects: check the rules it would aggregate.
      rules = authorizer.policy().aggregatedRules(role);
    }
    return missing(user, namespace, rules);
  }

  /** Why creating a RoleBinding (namespace set) or ClusterRoleBinding binding {@code roleRef} is an escalation. */
  public Optional<String> checkBinding(UserInfo user, String namespace, JsonNode binding) {
    if (user.isMaster()) {
      return Optional.empty();
    }
    JsonNode roleRef = binding.path("roleRef");
    String roleKind = roleRef.path("kind").asText();
    String roleName = roleRef.path("name").asText();
    String resource = roleKind.equals("ClusterRole") ? "clusterroles" : "roles";
    if (authorizer.authorize(RequestAttributes.resource(user, "bind", RBAC_GROUP, resource, "", namespace, roleName))
        .allowed()) {
      return Optional.empty();
    }
    RbacPolicy policy = authorizer.policy();
    if (!policy.roleExists(roleKind, namespace, roleName)) {
      return Optional.of(resource + "." + RBAC_GROUP + " \"" + roleName + "\" not found");
    }
    return missing(user, namespace, policy.rulesOf(roleKind, namespace, roleName));
  }

  private Optional<String> missing(UserInfo user, String namespace, List<PolicyRule> rules) {
    List<PolicyRule> held = authorizer.grants(user, namespace).stream().map(Grant::rule).toList();
    List<PolicyRule> uncovered = new ArrayList<>();
    for (PolicyRule rule : rules) {
      for (PolicyRule part : RuleCoverage.breakdown(rule)) {
        if (held.stream().noneMatch(owner -> RuleCoverage.covers(owner, part)) && !uncovered.contains(part)) {
          uncovered.add(part);
        }
      }
    }
    TreeSet<String> missing = new TreeSet<>();
    RuleCoverage.compact(uncovered).forEach(r -> missing.add(r.compactString()));
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("user \"" + user.name() + "\" (groups=" + PolicyRule.quoted(user.groups())
        + ") is attempting to grant RBAC permissions not currently held:\n" + String.join("\n", missing));
  }
}
