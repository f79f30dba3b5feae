package io.qdranthybrid.harness.kube.controllers.kubelet;

import io.qdranthybrid.harness.runtime.ContainerLaunch;

/** What the kubelet found when preparing a container start. */
sealed interface LaunchResolution {

    /** Everything resolved: the container can start. */
    record Resolved(ContainerLaunch launch) implements LaunchResolution {
    }

    /**
     * The container cannot start yet; it stays waiting with {@code reason} (e.g. ContainerCreating while
     * a claim is not bound, CreateContainerConfigError for a missing Secret) and is retried.
     */
    record Blocked(String reason, String message) implements LaunchResolution {
    }
}
