package io.qdranthybrid.deploy;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;

import java.util.List;

/**
 * Decides whether a set of RBAC rules allows a request, the way the Kubernetes RBAC authorizer does
 * (pkg/apis/rbac/v1/evaluation_helpers.go): a rule allows a request when it matches the verb, the API group, the
 * resource (with its subresource) and, if the rule names objects, the object's name. Rules only add; there is no
 * deny. A request without a name (list, watch, create) never matches a rule that lists resourceNames.
 */
final class RbacRuleMatcher {

    private static final String ALL = "*";

    private RbacRuleMatcher() {
    }

    static boolean allows(List<PolicyRule> rules, RbacRequest request) {
        return rules.stream().anyMatch(rule -> matches(rule, request));
    }

    static boolean matches(PolicyRule rule, RbacRequest request) {
        return verbMatches(rule, request.verb())
                && apiGroupMatches(rule, request.apiGroup())
                && resourceMatches(rule, request.resource(), request.subresource())
                && resourceNameMatches(rule, request.name());
    }

    private static boolean verbMatches(PolicyRule rule, String verb) {
        List<String> verbs = orEmpty(rule.getVerbs());
        return verbs.contains(ALL) || verbs.contains(verb);
    }

    private static boolean apiGroupMatches(PolicyRule rule, String group) {
        List<String> groups = orEmpty(rule.getApiGroups());
        return groups.contains(ALL) || groups.contains(group);
    }

    private static boolean resourceMatches(PolicyRule rule, String resource, String subresource) {
        String combined = subresource.isEmpty() ? resource : resource + "/" + subresource;
        for (String ruleResource : orEmpty(rule.getResources())) {
            if (ruleResource.equals(ALL) || ruleResource.equals(combined)) {
                return true;
            }
            // "*/scale" matches the scale subresource of every resource; "pods" does NOT match "pods/log".
            if (!subresource.isEmpty() && ruleResource.equals(ALL + "/" + subresource)) {
                return true;
            }
        }
        return false;
    }

    private static boolean resourceNameMatches(PolicyRule rule, String name) {
        List<String> names = orEmpty(rule.getResourceNames());
        return names.isEmpty() || names.contains(name);
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }
}
