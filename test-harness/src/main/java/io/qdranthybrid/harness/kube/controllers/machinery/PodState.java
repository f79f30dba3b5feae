package io.qdranthybrid.harness.kube.controllers.machinery;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;

import java.time.Instant;
import java.util.Optional;

/** Reads the facts about a pod that controllers decide on, as the real controllers define them. */
public final class PodState {

    private PodState() {
    }

    public static boolean isTerminating(HasMetadata object) {
        return object.getMetadata().getDeletionTimestamp() != null;
    }

    public static String phase(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Pending" : pod.getStatus().getPhase();
    }

    public static boolean isFailed(Pod pod) {
        return "Failed".equals(phase(pod));
    }

    /** Running, not being deleted, and its Ready condition is True. */
    public static boolean isRunningAndReady(Pod pod) {
        return "Running".equals(phase(pod)) && !isTerminating(pod) && condition(pod, "Ready")
                .map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    /** When the pod last became Ready, if it is Ready now. */
    public static Optional<Instant> readySince(Pod pod) {
        return condition(pod, "Ready")
                .filter(c -> "True".equals(c.getStatus()) && c.getLastTransitionTime() != null)
                .map(c -> Instant.parse(c.getLastTransitionTime()));
    }

    public static Optional<PodCondition> condition(Pod pod, String type) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    /** The owner reference with controller=true, if any. */
    public static Optional<OwnerReference> controllerOf(HasMetadata object) {
        if (object.getMetadata().getOwnerReferences() == null) {
            return Optional.empty();
        }
        return object.getMetadata().getOwnerReferences().stream()
                .filter(ref -> Boolean.TRUE.equals(ref.getController()))
                .findFirst();
    }
}
