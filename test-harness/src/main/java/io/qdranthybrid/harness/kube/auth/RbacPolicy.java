package io.qdranthybrid.harness.kube.auth;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One immutable view of all RBAC objects, with bindings indexed by subject so finding a user's rules touches only
 * the bindings that name the user or one of its groups. ClusterRole aggregation ({@code aggregationRule}) is
 * resolved here, as the clusterrole-aggregation controller would write it
 * ({@code pkg/controller/clusterroleaggregation}): an aggregated ClusterRole's rules are those of every ClusterRole
 * its selectors match. Unlike the real controller, the aggregated rules are not written back to the object.
 */
final class RbacPolicy {

  private record Binding(String kind, String namespace, String name, String roleKind, String roleName,
                         String subjectDescription) {
  }

  private final Map<String, List<PolicyRule>> clusterRoleRules = new HashMap<>();
  private final Map<String, JsonNode> clusterRoleLabels = new HashMap<>();
  private final Map<String, List<PolicyRule>> roleRules = new HashMap<>();
  /** Subject key ({@code User:name} or {@code Group:name}) to ClusterRoleBindings naming it. */
  private final Map<String, List<Binding>> clusterBindings = new HashMap<>();
  /** Namespace, then subject key, to RoleBindings naming it. */
  private final Map<String, Map<String, List<Binding>>> roleBindings = new HashMap<>();

  RbacPolicy(RbacObjects objects) {
    Map<String, JsonNode> clusterRoles = new HashMap<>();
    objects.clusterRoles().forEach(r -> clusterRoles.put(r.path("metadata").path("name").asText(), r));
    clusterRoles.forEach((name, role) -> clusterRoleLabels.put(name, role.path("metadata").path("labels")));
    clusterRoles.keySet().forEach(name -> clusterRoleRules.put(name,
        List.copyOf(effectiveRules(name, clusterRoles, new HashSet<>()))));
    for (JsonNode role : objects.roles()) {
      JsonNode metadata = role.path("metadata");
      roleRules.put(metadata.path("namespace").asText() + "/" + metadata.path("name").asText(),
          PolicyRule.fromJson(role.path("rules")));
    }
    objects.clusterRoleBindings().forEach(b -> index(b, "", clusterBindings));
    for (JsonNode binding : objects.roleBindings()) {
      String namespace = binding.path("metadata").path("namespace").asText();
      index(binding, namespace, roleBindings.computeIfAbsent(namespace, n -> new HashMap<>()));
    }
  }

  private static Set<PolicyRule> effectiveRules(String name, Map<String, JsonNode> clusterRoles, Set<String> visiting) {
    JsonNode role = clusterRoles.get(name);
    Set<PolicyRule> rules = new LinkedHashSet<>();
    if (role == null || !visiting.add(name)) {
      return rules;
    }
    JsonNode selectors = role.path("aggregationRule").path("clusterRoleSelectors");
    if (!selectors.isArray() || selectors.isEmpty()) {
      rules.addAll(PolicyRule.fromJson(role.path("rules")));
      return rules;
    }
    List<String> names = new ArrayList<>(clusterRoles.keySet());
    names.sort(String::compareTo);
    for (String other : names) {
      JsonNode labels = clusterRoles.get(other).path("metadata").path("labels");
      for (JsonNode selector : selectors) {
        if (!other.equals(name) && LabelSelectorMatch.matches(selector, labels)) {
          rules.addAll(effectiveRules(other, clusterRoles, visiting));
          break;
        }
      }
    }
    return rules;
  }

  private static void index(JsonNode binding, String namespace, Map<String, List<Binding>> bySubject) {
    String kind = namespace.isEmpty() ? "ClusterRoleBinding" : "RoleBinding";
    String name = binding.path("metadata").path("name").asText();
    JsonNode roleRef = binding.path("roleRef");
    for (JsonNode subject : binding.path("subjects")) {
      String subjectKind = subject.path("kind").asText();
      String subjectName = subject.path("name").asText();
      String key;
      String description;
      switch (subjectKind) {
        case "User" -> {
          key = "User:" + subjectName;
          description = "User \"" + subjectName + "\"";
        }
        case "Group" -> {
          key = "Group:" + subjectName;
          description = "Group \"" + subjectName + "\"";
        }
        case "ServiceAccount" -> {
          // An empty subject namespace means the binding's own (rbac.go appliesToUser).
          String saNamespace = subject.path("namespace").asText("");
          if (saNamespace.isEmpty()) {
            saNamespace = namespace;
          }
          key = "User:" + UserInfo.serviceAccount(saNamespace, subjectName).name();
          description = "ServiceAccount \"" + subjectName + "/" + saNamespace + "\"";
        }
        default -> {
          continue;
        }
      }
      bySubject.computeIfAbsent(key, k -> new ArrayList<>()).add(new Binding(kind, namespace, name,
          roleRef.path("kind").asText(), roleRef.path("name").asText(), description));
    }
  }

  /** The rules the user holds in the namespace (cluster-wide ones included); {@code ""} for cluster scope. */
  List<Grant> grants(UserInfo user, String namespace) {
    List<Grant> grants = new ArrayList<>();
    List<String> keys = new ArrayList<>(user.groups().size() + 1);
    keys.add("User:" + user.name());
    user.groups().forEach(g -> keys.add("Group:" + g));
    for (String key : keys) {
      for (Binding binding : clusterBindings.getOrDefault(key, List.of())) {
        addGrants(grants, binding);
      }
    }
    if (!namespace.isEmpty()) {
      Map<String, List<Binding>> inNamespace = roleBindings.getOrDefault(namespace, Map.of());
      for (String key : keys) {
        for (Binding binding : inNamespace.getOrDefault(key, List.of())) {
          addGrants(grants, binding);
        }
      }
    }
    return grants;
  }

  private void addGrants(List<Grant> grants, Binding binding) {
    List<PolicyRule> rules = rulesOf(binding.roleKind(), binding.namespace(), binding.roleName());
    String bindingName = binding.namespace().isEmpty() ? binding.name() : binding.name() + "/" + binding.namespace();
    String source = binding.kind() + " \"" + bindingName + "\" of " + binding.roleKind() + " \"" + binding.roleName()
        + "\" to " + binding.subjectDescription();
    rules.forEach(rule -> grants.add(new Grant(rule, source)));
  }

  /** The rules of a roleRef; empty when the role does not exist (a dangling binding grants nothing). */
  List<PolicyRule> rulesOf(String roleKind, String namespace, String roleName) {
    return switch (roleKind) {
      case "ClusterRole" -> clusterRoleRules.getOrDefault(roleName, List.of());
      case "Role" -> roleRules.getOrDefault(namespace + "/" + roleName, List.of());
      default -> List.of();
    };
  }

  /** The rules an aggregated ClusterRole (not stored yet, perhaps) would get from the ClusterRoles it selects. */
  List<PolicyRule> aggregatedRules(JsonNode clusterRole) {
    String self = clusterRole.path("metadata").path("name").asText();
    Set<PolicyRule> rules = new LinkedHashSet<>();
    clusterRoleLabels.forEach((name, labels) -> {
      for (JsonNode selector : clusterRole.path("aggregationRule").path("clusterRoleSelectors")) {
        if (!name.equals(self) && LabelSelectorMatch.matches(selector, labels)) {
          rules.addAll(clusterRoleRules.get(name));
          break;
        }
      }
    });
    return List.copyOf(rules);
  }

  boolean roleExists(String roleKind, String namespace, String roleName) {
    return roleKind.equals("ClusterRole") ? clusterRoleRules.containsKey(roleName)
        : roleRules.containsKey(namespace + "/" + roleName);
  }
}
