package io.qdranthybrid.harness.kube.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether held rules cover a rule someone wants to grant, from
 * {@code pkg/registry/rbac/validation/policy_comparator.go} (Covers, BreakdownRule, ruleCovers) and
 * {@code policy_compact.go} (CompactRules: parts on one group and resource are merged back for the message).
 */
final class RuleCoverage {

  private RuleCoverage() {
  }

  /** One rule per verb, group, resource and name (or per verb and URL for non-resource rules). */
  static List<PolicyRule> breakdown(PolicyRule rule) {
    List<PolicyRule> parts = new ArrayList<>();
    for (String group : rule.apiGroups()) {
      for (String resource : rule.resources()) {
        for (String verb : rule.verbs()) {
          if (rule.resourceNames().isEmpty()) {
            parts.add(new PolicyRule(List.of(verb), List.of(group), List.of(resource), List.of(), List.of()));
          }
          for (String name : rule.resourceNames()) {
            parts.add(new PolicyRule(List.of(verb), List.of(group), List.of(resource), List.of(name), List.of()));
          }
        }
      }
    }
    for (String url : rule.nonResourceURLs()) {
      for (String verb : rule.verbs()) {
        parts.add(new PolicyRule(List.of(verb), List.of(), List.of(), List.of(), List.of(url)));
      }
    }
    return parts;
  }

  /** Whether the owner rule covers a broken-down rule (ruleCovers). */
  static boolean covers(PolicyRule owner, PolicyRule part) {
    boolean verbs = owner.verbs().contains(PolicyRule.ALL) || owner.verbs().containsAll(part.verbs());
    boolean groups = owner.apiGroups().contains(PolicyRule.ALL) || owner.apiGroups().containsAll(part.apiGroups());
    boolean resources = resourcesCover(owner.resources(), part.resources());
    boolean urls = urlsCover(owner.nonResourceURLs(), part.nonResourceURLs());
    boolean names = part.resourceNames().isEmpty() ? owner.resourceNames().isEmpty()
        : owner.resourceNames().isEmpty() || owner.resourceNames().containsAll(part.resourceNames());
    return verbs && groups && resources && urls && names;
  }

  private static boolean resourcesCover(List<String> owner, List<String> wanted) {
    if (owner.contains(PolicyRule.ALL) || owner.containsAll(wanted)) {
      return true;
    }
    for (String resource : wanted) {
      if (owner.contains(resource)) {
        continue;
      }
      int slash = resource.indexOf('/');
      if (slash < 0 || !owner.contains("*/" + resource.substring(slash + 1))) {
        return false;
      }
    }
    return true;
  }

  private static boolean urlsCover(List<String> owner, List<String> wanted) {
    for (String url : wanted) {
      boolean covered = owner.stream().anyMatch(o -> o.equals(url) || o.equals(PolicyRule.ALL)
          || o.endsWith("*") && url.startsWith(o.substring(0, o.length() - 1)));
      if (!covered) {
        return false;
      }
    }
    return true;
  }

  /** Merges name-less resource parts on the same group and resource into one rule with all their verbs. */
  static List<PolicyRule> compact(List<PolicyRule> parts) {
    Map<String, List<String>> verbsByResource = new LinkedHashMap<>();
    List<PolicyRule> out = new ArrayList<>();
    for (PolicyRule part : parts) {
      if (part.resourceNames().isEmpty() && part.nonResourceURLs().isEmpty() && part.apiGroups().size() == 1
          && part.resources().size() == 1) {
        verbsByResource.computeIfAbsent(part.apiGroups().get(0) + "\u0000" + part.resources().get(0),
            k -> new ArrayList<>()).addAll(part.verbs());
      } else {
        out.add(part);
      }
    }
    verbsByResource.forEach((key, verbs) -> {
      String[] groupAndResource = key.split("\u0000", 2);
      out.add(0, PolicyRule.resourceRule(verbs, List.of(groupAndResource[0]), List.of(groupAndResource[1])));
    });
    return out;
  }
}
