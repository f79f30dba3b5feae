package io.qdranthybrid.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.qdranthybrid.agent.doctor.AccessRule;
import io.qdranthybrid.agent.doctor.RequiredAccess;
import io.qdranthybrid.agent.doctor.RoleRule;
import io.qdranthybrid.harness.deploy.DeployRbac;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prerequisites check asks for exactly the rights the shipped Roles grant (deploy/kustomize/agent/role.yaml and
 * deploy/kustomize/operator/role.yaml): a right added to a Role but not to the check, or the other way round, fails
 * here instead of in a customer's cluster.
 */
class RequiredAccessMatchesShippedRolesTest {

    @Test
    void theAgentsShippedRoleGrantsEveryRightTheCheckAsksAndNothingElse() {
        assertMatches(DeployRbac.AGENT.roleRules(), RequiredAccess.agent());
    }

    @Test
    void theOperatorsShippedRoleGrantsEveryRightTheCheckAsksAndNothingElse() {
        assertMatches(DeployRbac.OPERATOR.roleRules(), RequiredAccess.operator());
    }

    private static void assertMatches(JsonNode shipped, List<AccessRule> required) {
        List<RoleRule> rules = rules(shipped);
        assertThat(required).allSatisfy(right -> assertThat(RoleRule.anyGrants(rules, right)).as(right.toString())
                .isTrue());
        for (RoleRule rule : rules) {
            for (String group : rule.apiGroups()) {
                for (String resource : rule.resources()) {
                    for (String verb : rule.verbs()) {
                        assertThat(required).as("checked: %s %s.%s", verb, resource, group).anyMatch(right ->
                                right.verb().equals(verb) && right.group().equals(group)
                                        && right.resource().equals(resource));
                    }
                }
            }
        }
    }

    private static List<RoleRule> rules(JsonNode shipped) {
        List<RoleRule> rules = new ArrayList<>();
        for (JsonNode rule : shipped) {
            rules.add(new RoleRule(texts(rule.path("apiGroups")), texts(rule.path("resources")),
                    texts(rule.path("verbs")), texts(rule.path("resourceNames"))));
        }
        return rules;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
