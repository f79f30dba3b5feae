package io.qdranthybrid.agent.doctor;

import java.util.ArrayList;
import java.util.List;

/**
 * The rights the agent and the operator use in their namespace. Mirrors deploy/kustomize/agent/role.yaml and
 * deploy/kustomize/operator/role.yaml (a test compares them): a right added there without being added here is not
 * checked, one added here without the Role fails the check.
 */
public final class RequiredAccess {

    static final List<String> QDRANT_RESOURCES = List.of("qdrantclusters", "qdrantclustersnapshots",
            "qdrantclusterscheduledsnapshots", "qdrantclusterrestores", "qdrantentities", "qdrantreleases");
    static final String AGENT_STATE_CONFIG_MAP = "qdrant-cloud-agent-state";

    private RequiredAccess() {
    }

    public static List<AccessRule> agent() {
        List<AccessRule> rules = new ArrayList<>(AccessRule.each(AccessRule.READ_WRITE, "qdrant.io", QDRANT_RESOURCES));
        rules.addAll(AccessRule.each(AccessRule.READ_WRITE, "cd.qdrant.io", List.of("helmreleases", "helmrepositories")));
        rules.addAll(AccessRule.each(List.of("get", "list", "watch"), "",
                List.of("events", "pods", "persistentvolumeclaims")));
        for (String verb : List.of("get", "update", "patch")) {
            rules.add(new AccessRule(verb, "", "configmaps", AGENT_STATE_CONFIG_MAP));
        }
        rules.add(new AccessRule("create", "", "configmaps", ""));
        // Logs on request (ClusterLogsQuery): the control plane's log view fails without it, nothing else does.
        rules.add(new AccessRule("get", "", "pods/log", ""));
        return List.copyOf(rules);
    }

    public static List<AccessRule> operator() {
        List<AccessRule> rules = new ArrayList<>(AccessRule.each(AccessRule.READ_WRITE, "apps", List.of("statefulsets")));
        rules.addAll(AccessRule.each(AccessRule.READ_WRITE, "", List.of("services", "configmaps",
                "persistentvolumeclaims")));
        rules.addAll(AccessRule.each(List.of("deletecollection"), "", List.of("services", "pods")));
        rules.addAll(AccessRule.each(AccessRule.READ_WRITE, "policy", List.of("poddisruptionbudgets")));
        rules.addAll(AccessRule.each(AccessRule.READ_WRITE, "networking.k8s.io", List.of("networkpolicies",
                "ingresses")));
        rules.addAll(AccessRule.each(List.of("get", "list", "watch", "delete"), "", List.of("pods")));
        rules.addAll(AccessRule.each(List.of("get"), "", List.of("secrets")));
        rules.addAll(AccessRule.each(List.of("create", "get", "list", "update", "patch"), "", List.of("events")));
        rules.addAll(AccessRule.each(List.of("create", "get", "update", "patch"), "coordination.k8s.io",
                List.of("leases")));
        rules.addAll(AccessRule.each(AccessRule.READ_WRITE, "snapshot.storage.k8s.io", List.of("volumesnapshots")));
        rules.addAll(AccessRule.each(AccessRule.READ_WRITE, "qdrant.io", QDRANT_RESOURCES));
        rules.addAll(AccessRule.each(List.of("get", "update", "patch"), "qdrant.io",
                QDRANT_RESOURCES.stream().map(r -> r + "/status").toList()));
        rules.add(new AccessRule("update", "qdrant.io", "qdrantclusters/finalizers", ""));
        return List.copyOf(rules);
    }
}
