package io.qdranthybrid.harness.kube.auth;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * One rule of a Role or ClusterRole, matched against a request the way
 * {@code k8s.io/component-helpers/auth/rbac/validation} ({@code rbac.go}: VerbMatches, APIGroupMatches,
 * ResourceMatches, ResourceNameMatches, NonResourceURLMatches) does.
 */
public record PolicyRule(List<String> verbs, List<String> apiGroups, List<String> resources,
                         List<String> resourceNames, List<String> nonResourceURLs) {

  static final String ALL = "*";

  public PolicyRule {
    verbs = List.copyOf(verbs);
    apiGroups = List.copyOf(apiGroups);
    resources = List.copyOf(resources);
    resourceNames = List.copyOf(resourceNames);
    nonResourceURLs = List.copyOf(nonResourceURLs);
  }

  public static PolicyRule resourceRule(List<String> verbs, List<String> apiGroups, List<String> resources) {
    return new PolicyRule(verbs, apiGroups, resources, List.of(), List.of());
  }

  /** The rules of a Role or ClusterRole object's {@code rules} array. */
  public static List<PolicyRule> fromJson(JsonNode rules) {
    List<PolicyRule> parsed = new ArrayList<>();
    for (JsonNode rule : rules) {
      parsed.add(new PolicyRule(strings(rule.path("verbs")), strings(rule.path("apiGroups")),
          strings(rule.path("resources")), strings(rule.path("resourceNames")),
          strings(rule.path("nonResourceURLs"))));
    }
    return parsed;
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  /** Whether this rule allows the request (rbac.go RuleAllows). */
  public boolean allows(RequestAttributes request) {
    if (!verbs.contains(ALL) && !verbs.contains(request.verb())) {
      return false;
    }
    if (!request.resourceRequest()) {
      return nonResourceUrlMatches(request.path());
    }
    return (apiGroups.contains(ALL) || apiGroups.contains(request.apiGroup()))
        && resourceMatches(request.resourceWithSubresource(), request.subresource())
        && (resourceNames.isEmpty() || resourceNames.contains(request.name()));
  }

  private boolean resourceMatches(String combined, String subresource) {
    for (String resource : resources) {
      if (resource.equals(ALL) || resource.equals(combined)
          || !subresource.isEmpty() && resource.equals("*/" + subresource)) {
        return true;
      }
    }
    return false;
  }

  private boolean nonResourceUrlMatches(String path) {
    for (String url : nonResourceURLs) {
      if (url.equals(ALL) || url.equals(path)
          || url.endsWith("*") && path.startsWith(url.substring(0, url.length() - 1))) {
        return true;
      }
    }
    return false;
  }

  /** The rule as {@code CompactString} in {@code pkg/apis/rbac/v1/evaluation_helpers.go} prints it in messages. */
  public String compactString() {
    List<String> parts = new ArrayList<>();
    if (!apiGroups.isEmpty()) {
      parts.add("APIGroups:" + quoted(apiGroups));
    }
    if (!resources.isEmpty()) {
      parts.add("Resources:" + quoted(resources));
    }
    if (!nonResourceURLs.isEmpty()) {
      parts.add("NonResourceURLs:" + quoted(nonResourceURLs));
    }
    if (!resourceNames.isEmpty()) {
      parts.add("ResourceNames:" + quoted(resourceNames));
    }
    if (!verbs.isEmpty()) {
      parts.add("Verbs:" + quoted(verbs));
    }
    return "{" + String.join(", ", parts) + "}";
  }

  /** Go's {@code %q} of a string slice: {@code ["a" "b"]}. */
  static String quoted(List<String> values) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(' ');
      }
      out.append('"').append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    return out.append(']').toString();
  }

  /** The rule as the {@code rules} entry of a SelfSubjectRulesReview or a Role. */
  public com.fasterxml.jackson.databind.node.ObjectNode toJson() {
    var node = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    node.set("verbs", array(verbs));
    if (!nonResourceURLs.isEmpty()) {
      node.set("nonResourceURLs", array(nonResourceURLs));
    }
    if (!apiGroups.isEmpty() || nonResourceURLs.isEmpty()) {
      node.set("apiGroups", array(apiGroups));
    }
    if (!resources.isEmpty()) {
      node.set("resources", array(resources));
    }
    if (!resourceNames.isEmpty()) {
      node.set("resourceNames", array(resourceNames));
    }
    return node;
  }

  private static com.fasterxml.jackson.databind.node.ArrayNode array(List<String> values) {
    var array = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    values.forEach(array::add);
    return array;
  }
}
