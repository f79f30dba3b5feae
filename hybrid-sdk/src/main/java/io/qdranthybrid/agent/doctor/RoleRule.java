package io.qdranthybrid.agent.doctor;

import java.util.List;

/**
 * One rule of a Role, and whether it grants a right. Matching as Kubernetes does it (pkg/apis/rbac/v1/
 * evaluation_helpers.go: VerbMatches, APIGroupMatches, ResourceMatches with "*" and "*&#47;subresource",
 * ResourceNameMatches).
 */
public record RoleRule(List<String> apiGroups, List<String> resources, List<String> verbs, List<String> resourceNames) {

    public RoleRule {
        apiGroups = apiGroups == null ? List.of() : List.copyOf(apiGroups);
        resources = resources == null ? List.of() : List.copyOf(resources);
        verbs = verbs == null ? List.of() : List.copyOf(verbs);
        resourceNames = resourceNames == null ? List.of() : List.copyOf(resourceNames);
    }

    public boolean grants(AccessRule right) {
        return (verbs.contains("*") || verbs.contains(right.verb()))
                && (apiGroups.contains("*") || apiGroups.contains(right.group()))
                && resourceMatches(right)
                && (resourceNames.isEmpty() || (!right.name().isEmpty() && resourceNames.contains(right.name())));
    }

    private boolean resourceMatches(AccessRule right) {
        String subresource = right.subresource();
        for (String resource : resources) {
            if (resource.equals("*") || resource.equals(right.resource())
                    || (!subresource.isEmpty() && resource.equals("*/" + subresource))) {
                return true;
            }
        }
        return false;
    }

    public static boolean anyGrants(List<RoleRule> rules, AccessRule right) {
        return rules.stream().anyMatch(rule -> rule.grants(right));
    }
}
