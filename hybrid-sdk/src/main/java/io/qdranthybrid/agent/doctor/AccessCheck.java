package io.qdranthybrid.agent.doctor;

import io.qdranthybrid.protocol.message.PrerequisiteCheck;

import java.util.List;
import java.util.Map;

/**
 * Whether a component's ServiceAccount holds every right it uses ({@link RequiredAccess}), from the API server's own
 * answers (access reviews) or from its Role. The agent's own rights are required; when the agent may not ask about
 * the operator's, that check warns instead of failing.
 */
public final class AccessCheck {

    static final String AGENT = "Agent RBAC";
    static final String OPERATOR = "Operator RBAC";
    /** At most this many missing rights are named; the rest are counted. */
    private static final int NAMED = 6;

    private AccessCheck() {
    }

    /** The agent's own rights, answered by SelfSubjectAccessReviews. */
    public static PrerequisiteCheck agent(Readout<Map<AccessRule, Boolean>> answers, String serviceAccount) {
        if (!(answers instanceof Readout.Found<Map<AccessRule, Boolean>> found)) {
            return PrerequisiteCheck.warn(AGENT, "cannot check the agent's rights: "
                    + answers.detail(), "run kubectl auth can-i --list --as=" + serviceAccount);
        }
        List<AccessRule> missing = missing(found.value());
        if (missing.isEmpty()) {
            return PrerequisiteCheck.pass(AGENT, "all " + found.value().size() + " rights the agent uses are granted");
        }
        return PrerequisiteCheck.fail(AGENT, "the agent cannot " + describe(missing),
                "apply the agent's Role and RoleBinding (deploy/kustomize/agent/role.yaml, or the agent's Helm chart) "
                        + "in its namespace");
    }

    /**
     * The operator's rights, from a SubjectAccessReview or its Role.
     *
     * @param source how they were learnt, e.g. "SubjectAccessReview" or "Role qdrant-hybrid-operator"
     */
    public static PrerequisiteCheck operator(Readout<Map<AccessRule, Boolean>> answers, String source,
                                             String serviceAccount) {
        if (!(answers instanceof Readout.Found<Map<AccessRule, Boolean>> found)) {
            return PrerequisiteCheck.warn(OPERATOR, "cannot check the operator's rights: "
                            + answers.detail(),
                    "check them by hand: kubectl auth can-i --list --as=" + serviceAccount);
        }
        List<AccessRule> missing = missing(found.value());
        if (missing.isEmpty()) {
            return PrerequisiteCheck.pass(OPERATOR, "all " + found.value().size() + " rights the operator uses are "
                    + "granted (" + source + ")");
        }
        return PrerequisiteCheck.fail(OPERATOR, "the operator cannot " + describe(missing) + " (" + source + ")",
                "apply the operator's Role and RoleBinding (deploy/kustomize/operator/role.yaml, or the operator's "
                        + "Helm chart) in its namespace");
    }

    private static List<AccessRule> missing(Map<AccessRule, Boolean> answers) {
        return answers.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
    }

    private static String describe(List<AccessRule> missing) {
        String named = String.join(", ", missing.stream().limit(NAMED).map(AccessRule::toString).toList());
        return named + (missing.size() > NAMED ? " and " + (missing.size() - NAMED) + " more" : "");
    }
}
