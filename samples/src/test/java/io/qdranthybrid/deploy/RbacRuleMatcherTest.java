package io.qdranthybrid.deploy;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The test-side RBAC matcher decides like the Kubernetes authorizer, so the manifest tests can trust it. */
class RbacRuleMatcherTest {

    private static PolicyRule rule(List<String> groups, List<String> resources, List<String> names, String... verbs) {
        return new PolicyRuleBuilder().withApiGroups(groups).withResources(resources).withResourceNames(names)
                .withVerbs(verbs).build();
    }

    @Test
    void resourceNamesAllowOnlyTheNamedObject() {
        List<PolicyRule> rules = List.of(rule(List.of(""), List.of("secrets"), List.of("mine"), "get"));

        assertThat(RbacRuleMatcher.allows(rules, RbacRequest.named("get", "", "secrets", "mine"))).isTrue();
        assertThat(RbacRuleMatcher.allows(rules, RbacRequest.named("get", "", "secrets", "theirs"))).isFalse();
    }

    @Test
    void requestsWithoutANameNeverMatchARuleWithResourceNames() {
        List<PolicyRule> rules = List.of(rule(List.of(""), List.of("configmaps"), List.of("state"),
                "get", "list", "watch", "create"));

        assertThat(RbacRuleMatcher.allows(rules, RbacRequest.of("list", "", "configmaps"))).isFalse();
        assertThat(RbacRuleMatcher.allows(rules, RbacRequest.of("watch", "", "configmaps"))).isFalse();
        assertThat(RbacRuleMatcher.allows(rules, RbacRequest.of("create", "", "configmaps"))).isFalse();
    }

    @Test
    void apiGroupMustMatchExactlyUnlessWildcard() {
        List<PolicyRule> rules = List.of(rule(List.of(""), List.of("events"), List.of(), "get"));

        assertThat(RbacRuleMatcher.allows(rules, RbacRequest.of("get", "", "events"))).isTrue();
        assertThat(RbacRuleMatcher.allows(rules, RbacRequest.of("get", "events.k8s.io", "events"))).isFalse();
        assertThat(RbacRuleMatcher.allows(List.of(rule(List.of("*"), List.of("events"), List.of(), "get")),
                RbacRequest.of("get", "events.k8s.io", "events"))).isTrue();
    }

    @Test
    void aResourceDoesNotCoverItsSubresources() {
        List<PolicyRule> rules = List.of(rule(List.of("qdrant.io"), List.of("qdrantclusters"), List.of(), "update"));

        assertThat(RbacRuleMatcher.allows(rules,
                RbacRequest.subresource("update", "qdrant.io", "qdrantclusters", "status", "c1"))).isFalse();
        assertThat(RbacRuleMatcher.allows(List.of(rule(List.of("qdrant.io"), List.of("qdrantclusters/status"),
                List.of(), "update")), RbacRequest.subresource("update", "qdrant.io", "qdrantclusters", "status",
                "c1"))).isTrue();
    }

    @Test
    void wildcardsMatchEveryVerbResourceAndSubresource() {
        List<PolicyRule> all = List.of(rule(List.of("*"), List.of("*"), List.of(), "*"));
        List<PolicyRule> anyStatus = List.of(rule(List.of("qdrant.io"), List.of("*/status"), List.of(), "get"));

        assertThat(RbacRuleMatcher.allows(all, RbacRequest.of("delete", "rbac.authorization.k8s.io",
                "clusterrolebindings"))).isTrue();
        assertThat(RbacRuleMatcher.allows(all, RbacRequest.subresource("create", "", "pods", "exec", "p"))).isTrue();
        assertThat(RbacRuleMatcher.allows(anyStatus,
                RbacRequest.subresource("get", "qdrant.io", "qdrantreleases", "status", "r"))).isTrue();
        assertThat(RbacRuleMatcher.allows(anyStatus, RbacRequest.named("get", "qdrant.io", "qdrantreleases", "r")))
                .isFalse();
    }

    @Test
    void aVerbNotListedIsDenied() {
        List<PolicyRule> rules = List.of(rule(List.of(""), List.of("pods"), List.of(), "get", "list", "watch"));

        assertThat(RbacRuleMatcher.allows(rules, RbacRequest.named("delete", "", "pods", "p"))).isFalse();
        assertThat(RbacRuleMatcher.allows(List.of(), RbacRequest.of("list", "", "pods"))).isFalse();
    }
}
