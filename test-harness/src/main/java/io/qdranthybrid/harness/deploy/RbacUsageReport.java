package io.qdranthybrid.harness.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.qdranthybrid.harness.kube.ApiCall;
import io.qdranthybrid.harness.kube.auth.PolicyRule;
import io.qdranthybrid.harness.kube.auth.RequestAttributes;
import io.qdranthybrid.harness.kube.auth.UserInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Least privilege, measured: each permission a shipped Role grants (one verb on one resource of one group, with its
 * resourceNames) and the requests of the component that it allowed, from the API server's request journal.
 */
public final class RbacUsageReport {

  /** One permission and how many of the component's requests it allowed. */
  public record Permission(String verb, String apiGroup, String resource, List<String> resourceNames, long uses) {

    /** e.g. {@code patch qdrantclusters/status.qdrant.io}, the key of an allow-list entry. */
    public String key() {
      String qualified = apiGroup.isEmpty() ? resource : resource + "." + apiGroup;
      return verb + " " + qualified + (resourceNames.isEmpty() ? "" : " " + resourceNames);
    }
  }

  private final List<Permission> permissions;
  private final List<String> unusedRules;

  private RbacUsageReport(List<Permission> permissions, List<String> unusedRules) {
    this.permissions = List.copyOf(permissions);
    this.unusedRules = List.copyOf(unusedRules);
  }

  /** The permissions of {@code rules} and which of {@code calls} (made by anyone) each allowed. */
  public static RbacUsageReport of(JsonNode rules, List<ApiCall> calls) {
    Map<String, Permission> byKey = new LinkedHashMap<>();
    List<String> unusedRules = new ArrayList<>();
    UserInfo anyone = UserInfo.user("report");
    for (PolicyRule rule : PolicyRule.fromJson(rules)) {
      if (calls.stream().noneMatch(call -> rule.allows(attributes(anyone, call)))) {
        unusedRules.add(rule.compactString());
      }
      for (String group : rule.apiGroups()) {
        for (String resource : rule.resources()) {
          for (String verb : rule.verbs()) {
            PolicyRule single = new PolicyRule(List.of(verb), List.of(group), List.of(resource),
                rule.resourceNames(), List.of());
            long uses = calls.stream().filter(call -> single.allows(attributes(anyone, call))).count();
            Permission permission = new Permission(verb, group, resource, rule.resourceNames(), uses);
            byKey.merge(permission.key(), permission, (a, b) -> new Permission(a.verb(), a.apiGroup(),
                a.resource(), a.resourceNames(), a.uses() + b.uses()));
          }
        }
      }
    }
    return new RbacUsageReport(new ArrayList<>(byKey.values()), unusedRules);
  }

  private static RequestAttributes attributes(UserInfo user, ApiCall call) {
    String[] parts = call.rbacResource().split("/", 2);
    return RequestAttributes.resource(user, call.verb().name().toLowerCase(Locale.ROOT), call.group(), parts[0],
        parts.length > 1 ? parts[1] : "", call.namespace(), call.name());
  }

  public List<Permission> permissions() {
    return permissions;
  }

  /** Permissions no request used (a rule may still be used through its other verbs or resources). */
  public List<Permission> unused() {
    return permissions.stream().filter(p -> p.uses() == 0).toList();
  }

  /** The shipped rules (as {@link PolicyRule#compactString()}) none of whose permissions any request used. */
  public List<String> unusedRules() {
    return unusedRules;
  }

  /** One line per permission: uses, then the permission. */
  public String render() {
    StringBuilder out = new StringBuilder();
    permissions.forEach(p -> out.append(String.format("%6d  %s%n", p.uses(), p.key())));
    return out.toString();
  }
}
