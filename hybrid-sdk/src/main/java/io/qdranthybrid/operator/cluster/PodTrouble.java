package io.qdranthybrid.operator.cluster;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

/**
 * Why one pod is not serving, read from what the scheduler and the kubelet wrote into its status. Pure: the same pod
 * object always reads the same. {@link ClusterDiagnosis} turns these into what the user is told.
 */
public sealed interface PodTrouble {

    /** The scheduler found no node: {@code PodScheduled=False/Unschedulable} with its message. */
    record Unschedulable(String schedulerMessage) implements PodTrouble {
    }

    /**
     * The kubelet cannot pull {@code image}: waiting with ErrImagePull (an attempt failed, with the runtime's error)
     * or ImagePullBackOff (waiting to try again), which alternate while the pull keeps failing.
     */
    record ImagePullFailing(String image, String reason, String message) implements PodTrouble {
    }

    /**
     * The container keeps exiting: waiting with CrashLoopBackOff, or running again after a failed exit and not yet
     * Ready; the last termination's exit code and reason, as {@code lastState.terminated} reports them (null when the
     * kubelet reported none).
     */
    record CrashLooping(Integer exitCode, String exitReason, String exitMessage) implements PodTrouble {
    }

    /** The kubelet cannot assemble the container (a missing Secret or ConfigMap, a bad volume). */
    record CannotStart(String reason, String message) implements PodTrouble {
    }

    /** The container runs, the pod is not Ready: the readiness probe fails. {@code runningSince} may be null. */
    record NotReady(Instant runningSince) implements PodTrouble {
    }

    /**
     * Waiting reasons of the kubelet's image manager (kubernetes pkg/kubelet/images/types.go: ErrImagePull,
     * ImagePullBackOff, ErrImageNeverPull, InvalidImageName).
     */
    Set<String> IMAGE_REASONS = Set.of("ErrImagePull", "ImagePullBackOff", "ErrImageNeverPull", "InvalidImageName");

    /**
     * Waiting reasons of a container the kubelet cannot create (pkg/kubelet/container/sync_result.go,
     * kuberuntime_container.go): CreateContainerConfigError, CreateContainerError, RunContainerError.
     */
    Set<String> START_REASONS = Set.of("CreateContainerConfigError", "CreateContainerError", "RunContainerError");

    /** What is wrong with {@code pod}, if anything is; a terminating pod or a Ready one has no trouble. */
    static Optional<PodTrouble> of(Pod pod) {
        if (pod.getStatus() == null || pod.getMetadata().getDeletionTimestamp() != null) {
            return Optional.empty();
        }
        if (pod.getStatus().getConditions() != null) {
            for (PodCondition condition : pod.getStatus().getConditions()) {
                if ("PodScheduled".equals(condition.getType()) && "False".equals(condition.getStatus())
                        && "Unschedulable".equals(condition.getReason())) {
                    return Optional.of(new Unschedulable(condition.getMessage()));
                }
                if ("Ready".equals(condition.getType()) && "True".equals(condition.getStatus())) {
                    return Optional.empty();
                }
            }
        }
        if (pod.getStatus().getContainerStatuses() == null) {
            return Optional.empty();
        }
        for (ContainerStatus container : pod.getStatus().getContainerStatuses()) {
            Optional<PodTrouble> trouble = of(container);
            if (trouble.isPresent()) {
                return trouble;
            }
        }
        return Optional.empty();
    }

    private static Optional<PodTrouble> of(ContainerStatus container) {
        var state = container.getState();
        if (state == null) {
            return Optional.empty();
        }
        if (state.getWaiting() != null) {
            String reason = state.getWaiting().getReason();
            String message = state.getWaiting().getMessage();
            if (IMAGE_REASONS.contains(reason)) {
                return Optional.of(new ImagePullFailing(container.getImage(), reason, message));
            }
            if ("CrashLoopBackOff".equals(reason)) {
                ContainerStateTerminated last = lastTermination(container);
                return Optional.of(last == null ? new CrashLooping(null, null, null)
                        : new CrashLooping(last.getExitCode(), last.getReason(), last.getMessage()));
            }
            if (START_REASONS.contains(reason)) {
                return Optional.of(new CannotStart(reason, message));
            }
            return Optional.empty(); // ContainerCreating, PodInitializing: routine
        }
        if (state.getRunning() != null && !Boolean.TRUE.equals(container.getReady())) {
            // Between back-offs the kubelet runs the container again (Running, not Ready) until it exits once more.
            // Until it turns Ready it is the same crash loop: reporting "starting" for those seconds would make the
            // status flicker, a write and a changed message on every restart.
            ContainerStateTerminated last = lastTermination(container);
            if (last != null && last.getExitCode() != null && last.getExitCode() != 0) {
                return Optional.of(new CrashLooping(last.getExitCode(), last.getReason(), last.getMessage()));
            }
            return Optional.of(new NotReady(parse(state.getRunning().getStartedAt())));
        }
        return Optional.empty();
    }

    private static ContainerStateTerminated lastTermination(ContainerStatus container) {
        return container.getLastState() == null ? null : container.getLastState().getTerminated();
    }

    private static Instant parse(String time) {
        try {
            return time == null ? null : Instant.parse(time);
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }
}
