package io.qdranthybrid.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the rendered Roles of the production example let the agent and the operator do, evaluated with the
 * authorizer's matching rules: each may do its job and nothing around it (other Secrets, RBAC, pods it does not
 * own).
 */
@ExtendWith(KubectlRequired.class)
class RenderedRolesAreLeastPrivilegeTest {

    private static final String CORE = "";
    private static final String QDRANT = "qdrant.io";
    private static final String RBAC = "rbac.authorization.k8s.io";
    private static final List<String> ALL_VERBS =
            List.of("get", "list", "watch", "create", "update", "patch", "delete", "deletecollection");
    private static final List<String> QDRANT_KINDS = List.of("qdrantclusters", "qdrantclustersnapshots",
            "qdrantclusterscheduledsnapshots", "qdrantclusterrestores", "qdrantentities", "qdrantreleases");

    private static List<PolicyRule> agent;
    private static List<PolicyRule> operator;

    @BeforeAll
    static void render() {
        if (!Kustomize.kubectlAvailable()) {
            return; // each test skips visibly through KubectlRequired
        }
        List<HasMetadata> rendered = Kustomize.render("kustomize/examples/production");
        agent = Manifests.named(rendered, Role.class, "qdrant-cloud-agent").getRules();
        operator = Manifests.named(rendered, Role.class, "qdrant-hybrid-operator").getRules();
    }

    private static boolean agentMay(RbacRequest request) {
        return RbacRuleMatcher.allows(agent, request);
    }

    private static boolean operatorMay(RbacRequest request) {
        return RbacRuleMatcher.allows(operator, request);
    }

    @Test
    void agentMayReadNoSecretNotEvenItsAccessKey() {
        // The kubelet mounts qdrant-cloud-creds into the agent's pod; the agent reads the file, never the API.
        for (String verb : ALL_VERBS) {
            for (String secret : List.of("qdrant-cloud-creds", "qdrant-api-key-cluster-1")) {
                assertThat(agentMay(RbacRequest.named(verb, CORE, "secrets", secret))).as("%s %s", verb, secret)
                        .isFalse();
            }
            assertThat(agentMay(RbacRequest.of(verb, CORE, "secrets"))).as("%s secrets", verb).isFalse();
        }
    }

    @Test
    void agentMayNotTouchRbacOrAnythingClusterWide() {
        for (String resource : List.of("clusterrolebindings", "clusterroles", "rolebindings", "roles")) {
            for (String verb : ALL_VERBS) {
                assertThat(agentMay(RbacRequest.named(verb, RBAC, resource, "x"))).as("%s %s", verb, resource)
                        .isFalse();
                assertThat(agentMay(RbacRequest.of(verb, RBAC, resource))).as("%s %s", verb, resource).isFalse();
            }
        }
        assertThat(agentMay(RbacRequest.of("escalate", RBAC, "roles"))).isFalse();
        assertThat(agentMay(RbacRequest.of("bind", RBAC, "clusterroles"))).isFalse();
        assertThat(agentMay(RbacRequest.of("impersonate", CORE, "serviceaccounts"))).isFalse();
        assertThat(agent).flatExtracting(PolicyRule::getVerbs).doesNotContain("*");
        assertThat(agent).flatExtracting(PolicyRule::getResources).doesNotContain("*");
        assertThat(agent).flatExtracting(PolicyRule::getApiGroups).doesNotContain("*");
    }

    @Test
    void agentMayKeepOnlyItsOwnStateConfigMap() {
        for (String verb : List.of("get", "update", "patch")) {
            assertThat(agentMay(RbacRequest.named(verb, CORE, "configmaps", "qdrant-cloud-agent-state"))).isTrue();
            assertThat(agentMay(RbacRequest.named(verb, CORE, "configmaps", "qdrant-c1-config")))
                    .as("%s a Qdrant cluster's ConfigMap", verb).isFalse();
        }
        // create cannot be narrowed by name (the Role documents this).
        assertThat(agentMay(RbacRequest.of("create", CORE, "configmaps"))).isTrue();
        assertThat(agentMay(RbacRequest.named("delete", CORE, "configmaps", "qdrant-cloud-agent-state"))).isFalse();
        assertThat(agentMay(RbacRequest.of("list", CORE, "configmaps"))).isFalse();
    }

    @Test
    void agentManagesQdrantResourcesAndHelmReleasesButNotTheirStatusAndOnlyReadsWorkloads() {
        for (String kind : QDRANT_KINDS) {
            for (String verb : List.of("create", "get", "list", "watch", "update", "patch", "delete")) {
                assertThat(agentMay(RbacRequest.named(verb, QDRANT, kind, "c1"))).as("%s %s", verb, kind).isTrue();
            }
            // Status comes with the object; it is the operator's to write, and the agent never used /status.
            for (String verb : List.of("get", "update", "patch")) {
                assertThat(agentMay(RbacRequest.subresource(verb, QDRANT, kind, "status", "c1"))).isFalse();
            }
        }
        for (String kind : List.of("helmreleases", "helmrepositories")) {
            assertThat(agentMay(RbacRequest.of("create", "cd.qdrant.io", kind))).isTrue();
            assertThat(agentMay(RbacRequest.named("delete", "cd.qdrant.io", kind, "qdrant-operator"))).isTrue();
        }
        assertThat(agentMay(RbacRequest.of("list", CORE, "pods"))).isTrue();
        assertThat(agentMay(RbacRequest.of("watch", CORE, "events"))).isTrue();
        assertThat(agentMay(RbacRequest.named("delete", CORE, "pods", "qdrant-c1-0"))).isFalse();
        assertThat(agentMay(RbacRequest.subresource("create", CORE, "pods", "exec", "qdrant-c1-0"))).isFalse();
        // Logs on request (cluster-logs): reading pods/log, nothing else on that subresource.
        assertThat(agentMay(RbacRequest.subresource("get", CORE, "pods", "log", "qdrant-c1-0"))).isTrue();
        assertThat(agentMay(RbacRequest.subresource("create", CORE, "pods", "log", "qdrant-c1-0"))).isFalse();
        assertThat(agentMay(RbacRequest.named("delete", CORE, "persistentvolumeclaims", "qdrant-storage-qdrant-c1-0")))
                .isFalse();
        assertThat(agentMay(RbacRequest.of("create", "apps", "statefulsets"))).as("workloads are the operator's")
                .isFalse();
    }

    @Test
    void operatorMayGetButNeverListSecrets() {
        assertThat(operatorMay(RbacRequest.named("get", CORE, "secrets", "qdrant-api-key-c1"))).isTrue();
        assertThat(operatorMay(RbacRequest.of("list", CORE, "secrets"))).isFalse();
        assertThat(operatorMay(RbacRequest.of("watch", CORE, "secrets"))).isFalse();
        assertThat(operatorMay(RbacRequest.of("create", CORE, "secrets"))).isFalse();
        assertThat(operatorMay(RbacRequest.named("update", CORE, "secrets", "qdrant-api-key-c1"))).isFalse();
    }

    @Test
    void operatorRunsQdrantWorkloadsButCannotStartPodsOrExecIntoThem() {
        for (String verb : List.of("create", "update", "patch", "delete", "watch")) {
            assertThat(operatorMay(RbacRequest.named(verb, "apps", "statefulsets", "qdrant-c1"))).isTrue();
            assertThat(operatorMay(RbacRequest.named(verb, "policy", "poddisruptionbudgets", "qdrant-c1"))).isTrue();
            assertThat(operatorMay(RbacRequest.named(verb, "networking.k8s.io", "networkpolicies", "qdrant-c1")))
                    .isTrue();
        }
        assertThat(operatorMay(RbacRequest.named("delete", CORE, "pods", "qdrant-c1-2"))).as("roll a pod").isTrue();
        assertThat(operatorMay(RbacRequest.of("create", CORE, "pods"))).isFalse();
        assertThat(operatorMay(RbacRequest.subresource("create", CORE, "pods", "exec", "qdrant-c1-0"))).isFalse();
        assertThat(operatorMay(RbacRequest.named("patch", CORE, "persistentvolumeclaims", "qdrant-storage-qdrant-c1-0")))
                .as("resize a volume").isTrue();
        // A restore creates the claims it restores into from VolumeSnapshots: the e2e backup scenarios, run under
        // this Role by the RBAC-enforcing simulated API server, fail without it.
        assertThat(operatorMay(RbacRequest.of("create", CORE, "persistentvolumeclaims")))
                .as("restore into new claims").isTrue();
        assertThat(operatorMay(RbacRequest.of("create", "snapshot.storage.k8s.io", "volumesnapshots"))).isTrue();
    }

    @Test
    void operatorElectsALeaderRecordsEventsAndWritesQdrantStatus() {
        assertThat(operatorMay(RbacRequest.named("get", "coordination.k8s.io", "leases", "qdrant-hybrid-operator")))
                .isTrue();
        assertThat(operatorMay(RbacRequest.of("create", "coordination.k8s.io", "leases"))).isTrue();
        assertThat(operatorMay(RbacRequest.named("update", "coordination.k8s.io", "leases", "qdrant-hybrid-operator")))
                .isTrue();
        assertThat(operatorMay(RbacRequest.named("patch", "coordination.k8s.io", "leases", "qdrant-hybrid-operator")))
                .as("fabric8's LeaderElector renews by patch").isTrue();
        assertThat(operatorMay(RbacRequest.of("create", CORE, "events"))).isTrue();
        assertThat(operatorMay(RbacRequest.named("update", CORE, "events", "c1.abc"))).isTrue();
        for (String kind : QDRANT_KINDS) {
            assertThat(operatorMay(RbacRequest.subresource("update", QDRANT, kind, "status", "c1"))).isTrue();
        }
        assertThat(operatorMay(RbacRequest.named("get", QDRANT, "qdrantcloudregions", "r")))
                .as("cluster-scoped kinds are not in a namespaced Role").isFalse();
    }

    @Test
    void operatorMayNotTouchRbacOrServiceAccounts() {
        for (String resource : List.of("clusterrolebindings", "clusterroles", "rolebindings", "roles")) {
            for (String verb : ALL_VERBS) {
                assertThat(operatorMay(RbacRequest.of(verb, RBAC, resource))).as("%s %s", verb, resource).isFalse();
            }
        }
        assertThat(operatorMay(RbacRequest.of("create", CORE, "serviceaccounts"))).isFalse();
        assertThat(operatorMay(RbacRequest.subresource("create", CORE, "serviceaccounts", "token", "x"))).isFalse();
        assertThat(operator).flatExtracting(PolicyRule::getVerbs).doesNotContain("*");
        assertThat(operator).flatExtracting(PolicyRule::getResources).doesNotContain("*");
    }
}
