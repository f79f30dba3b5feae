package io.qdranthybrid.operator.cluster;

import io.fabric8.kubernetes.api.model.Condition;
import io.qdranthybrid.crd.QdrantClusterStatus;

import java.util.Objects;

/**
 * One thing wrong with a cluster that the user must act on: a Kubernetes-style reason ({@code Unschedulable}), what
 * it is about (a pod, a volume, the StatefulSet) and a message that says what happened and what to do. Each becomes a
 * Warning Event when it first appears and stays in the status while it lasts.
 */
public record Problem(String reason, String subject, String message) {

    public Problem {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
    }

    /** How the problem reads in a condition's message and in an Event. */
    public String line() {
        return subject + ": " + message;
    }

    /**
     * Whether {@code previous} (the status last written) does not show this problem yet: only then is an Event
     * recorded, so a problem that lasts costs no write per reconcile.
     */
    public boolean newComparedTo(QdrantClusterStatus previous) {
        if (previous == null) {
            return true;
        }
        if (previous.getConditions() != null) {
            for (Condition condition : previous.getConditions()) {
                if (condition.getMessage() != null && condition.getMessage().contains(line())) {
                    return false;
                }
            }
        }
        return true;
    }
}
