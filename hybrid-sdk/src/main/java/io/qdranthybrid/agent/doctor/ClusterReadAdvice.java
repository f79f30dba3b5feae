package io.qdranthybrid.agent.doctor;

/** The advice for a check the agent's namespace-scoped RBAC cannot answer: the optional cluster-read component. */
final class ClusterReadAdvice {

    /** deploy/README.md, "Optional cluster read". */
    static final String GRANT = "grant the optional cluster-read component (deploy/kustomize/components/"
            + "agent-cluster-read, or clusterRead.enabled=true in the agent's Helm chart) so the agent can check it";

    private ClusterReadAdvice() {
    }

    static String cannotCheck(String what, String detail) {
        return "cannot check " + what + ": " + detail;
    }
}
