package io.qdranthybrid.agent.doctor;

import io.qdranthybrid.protocol.message.PrerequisiteCheck;
import io.qdranthybrid.protocol.message.PrerequisiteVerdict;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AccessCheckTest {

    private static final String AGENT = "system:serviceaccount:qdrant:qdrant-cloud-agent";
    private static final String OPERATOR = "system:serviceaccount:qdrant:qdrant-hybrid-operator";

    @Test
    void theAgentHoldingEveryRightItUsesPasses() {
        Map<AccessRule, Boolean> answers = new LinkedHashMap<>();
        RequiredAccess.agent().forEach(rule -> answers.put(rule, true));

        PrerequisiteCheck check = AccessCheck.agent(Readout.found(answers), AGENT);

        assertThat(check.verdict()).isEqualTo(PrerequisiteVerdict.PASS);
    }

    @Test
    void aMissingRightFailsNamingItAsKubectlWould() {
        Map<AccessRule, Boolean> answers = new LinkedHashMap<>();
        RequiredAccess.agent().forEach(rule -> answers.put(rule, !rule.group().equals("cd.qdrant.io")));

        PrerequisiteCheck check = AccessCheck.agent(Readout.found(answers), AGENT);

        assertThat(check.verdict()).isEqualTo(PrerequisiteVerdict.FAIL);
        assertThat(check.found()).startsWith("the agent cannot create helmreleases.cd.qdrant.io, get helmreleases"
                + ".cd.qdrant.io").endsWith("and 8 more");
        assertThat(check.advice()).contains("deploy/kustomize/agent/role.yaml");
    }

    @Test
    void operatorRightsThatCannotBeAskedWarnInsteadOfFailing() {
        PrerequisiteCheck check = AccessCheck.operator(new Readout.Forbidden<>("forbidden by RBAC (HTTP 403)"), "",
                OPERATOR);

        assertThat(check.verdict()).isEqualTo(PrerequisiteVerdict.WARN);
        assertThat(check.found()).startsWith("cannot check the operator's rights");
        assertThat(check.advice()).contains("kubectl auth can-i --list --as=" + OPERATOR);
    }

    @Test
    void theShippedOperatorRoleGrantsEveryRightTheOperatorUses() {
        List<RoleRule> role = List.of(
                new RoleRule(List.of("apps"), List.of("statefulsets"), AccessRule.READ_WRITE, null),
                new RoleRule(List.of(""), List.of("services", "configmaps", "persistentvolumeclaims", "pods", "secrets",
                        "events"), List.of("*"), null),
                new RoleRule(List.of("policy", "networking.k8s.io", "coordination.k8s.io", "snapshot.storage.k8s.io",
                        "qdrant.io"), List.of("*"), List.of("*"), null));

        assertThat(RequiredAccess.operator()).allMatch(right -> RoleRule.anyGrants(role, right));
    }

    @Test
    void roleRulesMatchAsKubernetesDoes() {
        AccessRule statusPatch = new AccessRule("patch", "qdrant.io", "qdrantclusters/status", "");
        AccessRule stateUpdate = new AccessRule("update", "", "configmaps", "qdrant-cloud-agent-state");
        AccessRule anyConfigMap = new AccessRule("update", "", "configmaps", "");

        assertThat(new RoleRule(List.of("qdrant.io"), List.of("*/status"), List.of("patch"), null).grants(statusPatch))
                .isTrue();
        assertThat(new RoleRule(List.of("qdrant.io"), List.of("qdrantclusters"), List.of("patch"), null)
                .grants(statusPatch)).as("the resource does not grant its subresource").isFalse();
        RoleRule named = new RoleRule(List.of(""), List.of("configmaps"), List.of("update"),
                List.of("qdrant-cloud-agent-state"));
        assertThat(named.grants(stateUpdate)).isTrue();
        assertThat(named.grants(anyConfigMap)).as("resourceNames limit the rule to those names").isFalse();
    }
}
