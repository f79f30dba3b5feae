package io.qdranthybrid.agent.doctor;

import java.util.ArrayList;
import java.util.List;

/**
 * One right a component needs in its namespace, as a SelfSubjectAccessReview asks it.
 *
 * @param group    API group, "" for core
 * @param resource plural, with {@code /subresource} when one is meant
 * @param name     a single object's name when the right is limited to it, else ""
 */
public record AccessRule(String verb, String group, String resource, String name) {

    public static final List<String> READ_WRITE = List.of("create", "get", "list", "watch", "update", "patch",
            "delete");

    static List<AccessRule> each(List<String> verbs, String group, List<String> resources) {
        List<AccessRule> rules = new ArrayList<>();
        for (String resource : resources) {
            for (String verb : verbs) {
                rules.add(new AccessRule(verb, group, resource, ""));
            }
        }
        return rules;
    }

    public String resourceOnly() {
        int slash = resource.indexOf('/');
        return slash < 0 ? resource : resource.substring(0, slash);
    }

    public String subresource() {
        int slash = resource.indexOf('/');
        return slash < 0 ? "" : resource.substring(slash + 1);
    }

    /** As {@code kubectl auth can-i} names it: {@code create qdrantclusters.qdrant.io}. */
    @Override
    public String toString() {
        return verb + " " + resource + (group.isEmpty() ? "" : "." + group) + (name.isEmpty() ? "" : " " + name);
    }
}
