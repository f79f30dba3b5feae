package io.qdranthybrid.harness.kube.controllers.kubelet;

import io.qdranthybrid.harness.kube.controllers.machinery.PodState;
import io.qdranthybrid.harness.kube.controllers.machinery.Timestamps;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HostIPBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIPBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The status the kubelet reports for a pod, computed from what it knows ({@link PodRuntime}). Fields
 * the kubelet does not own (qosClass, conditions of other types, ...) are kept from the current status
 * so that an unchanged pod yields an identical status and costs no write.
 */
final class DesiredPodStatus {

    private static final Set<String> OWNED_CONDITIONS = Set.of("PodScheduled", "Initialized", "ContainersReady", "Ready");

    private DesiredPodStatus() {
    }

    static PodStatus of(Pod pod, PodRuntime runtime) {
        PodStatus current = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        boolean ready = runtime.isReady();
        List<Container> containers = pod.getSpec().getContainers();
        String unready = ready ? null : "containers with unready status: [" + containers.get(0).getName() + "]";

        List<PodCondition> conditions = new ArrayList<>();
        conditions.add(condition("Initialized", true, runtime.admittedAt, null));
        conditions.add(condition("Ready", ready, runtime.readyChangedAt, unready));
        conditions.add(condition("ContainersReady", ready, runtime.readyChangedAt, unready));
        conditions.add(condition("PodScheduled", true, scheduledAt(pod, runtime), null));
        if (current.getConditions() != null) {
            current.getConditions().stream().filter(c -> !OWNED_CONDITIONS.contains(c.getType())).forEach(conditions::add);
        }

        List<ContainerStatus> statuses = new ArrayList<>();
        for (int i = 0; i < containers.size(); i++) {
            statuses.add(i == 0 ? mainStatus(pod, containers.get(0), runtime) : sidecarStatus(pod, containers.get(i), runtime));
        }

        PodStatusBuilder status = new PodStatusBuilder(current)
                .withPhase(phase(runtime))
                .withConditions(conditions)
                .withHostIP(ContainerLaunchResolver.POD_IP)
                .withHostIPs(new HostIPBuilder().withIp(ContainerLaunchResolver.POD_IP).build())
                .withStartTime(Timestamps.format(runtime.admittedAt))
                .withContainerStatuses(statuses);
        if (runtime.sandboxReady) {
            status.withPodIP(ContainerLaunchResolver.POD_IP)
                    .withPodIPs(new PodIPBuilder().withIp(ContainerLaunchResolver.POD_IP).build());
        }
        return status.build();
    }

    private static String phase(PodRuntime runtime) {
        if (runtime.finalPhase != null) {
            return runtime.finalPhase;
        }
        return runtime.containerStartedAt == null && runtime.lastTermination == null ? "Pending" : "Running";
    }

    private static Instant scheduledAt(Pod pod, PodRuntime runtime) {
        return PodState.condition(pod, "PodScheduled")
                .filter(c -> "True".equals(c.getStatus()) && c.getLastTransitionTime() != null)
                .map(c -> Instant.parse(c.getLastTransitionTime()))
                .orElse(runtime.admittedAt);
    }

    private static PodCondition condition(String type, boolean value, Instant since, String unreadyMessage) {
        PodConditionBuilder condition = new PodConditionBuilder()
                .withType(type)
                .withStatus(value ? "True" : "False")
                .withLastTransitionTime(Timestamps.format(since));
        if (!value && unreadyMessage != null) {
            condition.withReason("ContainersNotReady").withMessage(unreadyMessage);
        }
        return condition.build();
    }

    private static ContainerStatus mainStatus(Pod pod, Container container, PodRuntime runtime) {
        ContainerState state;
        if (runtime.isRunning()) {
            state = new ContainerStateBuilder().withNewRunning()
                    .withStartedAt(Timestamps.format(runtime.containerStartedAt)).endRunning().build();
        } else if (runtime.finalPhase != null && runtime.lastTermination != null) {
            state = terminated(runtime.lastTermination);
        } else {
            state = new ContainerStateBuilder().withNewWaiting()
                    .withReason(runtime.waiting.reason()).withMessage(runtime.waiting.message()).endWaiting().build();
        }
        ContainerStatusBuilder status = base(container, runtime.isReady(), runtime.isStarted(), runtime.restartCount)
                .withState(state);
        if (runtime.containerId != null) {
            status.withContainerID(runtime.containerId);
        }
        if (runtime.lastTermination != null && runtime.finalPhase == null) {
            status.withLastState(terminated(runtime.lastTermination));
        }
        return status.build();
    }

    /** Containers after the first are not run by the runtime: they follow the main container's lifecycle. */
    private static ContainerStatus sidecarStatus(Pod pod, Container container, PodRuntime runtime) {
        boolean running = runtime.containerStartedAt != null && runtime.finalPhase == null;
        ContainerState state = running
                ? new ContainerStateBuilder().withNewRunning()
                        .withStartedAt(Timestamps.format(runtime.admittedAt)).endRunning().build()
                : new ContainerStateBuilder().withNewWaiting().withReason("ContainerCreating").endWaiting().build();
        ContainerStatusBuilder status = base(container, running, running, 0).withState(state);
        if (running) {
            status.withContainerID(containerId(pod.getMetadata().getUid() + "/" + container.getName()));
        }
        return status.build();
    }

    private static ContainerStatusBuilder base(Container container, boolean ready, boolean started, int restarts) {
        String image = normalizedImage(container.getImage());
        return new ContainerStatusBuilder()
                .withName(container.getName())
                .withImage(image)
                .withImageID(imageId(image))
                .withReady(ready)
                .withStarted(started)
                .withRestartCount(restarts)
                .withLastState(new ContainerState());
    }

    private static ContainerState terminated(PodRuntime.Termination termination) {
        return new ContainerStateBuilder().withNewTerminated()
                .withExitCode(termination.exitCode())
                .withReason(termination.reason())
                .withStartedAt(Timestamps.format(termination.startedAt()))
                .withFinishedAt(Timestamps.format(termination.finishedAt()))
                .withContainerID(termination.containerId())
                .endTerminated().build();
    }

    /** How containerd reports an image: {@code qdrant/qdrant:v1} becomes {@code docker.io/qdrant/qdrant:v1}. */
    static String normalizedImage(String image) {
        if (image == null || image.isEmpty()) {
            return "";
        }
        String withTag = image.contains(":") || image.contains("@") ? image : image + ":latest";
        int slash = withTag.indexOf('/');
        if (slash < 0) {
            return "docker.io/library/" + withTag;
        }
        String first = withTag.substring(0, slash);
        return first.contains(".") || first.contains(":") || first.equals("localhost") ? withTag : "docker.io/" + withTag;
    }

    private static String imageId(String normalizedImage) {
        int at = normalizedImage.indexOf('@');
        if (at >= 0) {
            return normalizedImage;
        }
        int colon = normalizedImage.lastIndexOf(':');
        String repository = colon > normalizedImage.lastIndexOf('/') ? normalizedImage.substring(0, colon) : normalizedImage;
        return repository + "@sha256:" + sha256(normalizedImage);
    }

    static String containerId(String seed) {
        return "containerd://" + sha256(seed);
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
