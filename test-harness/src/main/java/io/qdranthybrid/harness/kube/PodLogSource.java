package io.qdranthybrid.harness.kube;

import io.qdranthybrid.harness.runtime.ContainerLog;

import java.util.Optional;

/**
 * Where the API server reads a pod's container logs: the kubelet of the pod's node, as kube-apiserver proxies
 * {@code pods/log} to the kubelet's {@code /containerLogs} endpoint (pkg/registry/core/pod/rest/log.go).
 */
@FunctionalInterface
public interface PodLogSource {

    /** No node serves logs: every container reads as not started yet. */
    PodLogSource NONE = (namespace, pod, container) -> Optional.empty();

    /**
     * The logs of the named container of the pod, as its node keeps them; empty when the node runs no such container
     * (not started, or the pod was never admitted there).
     */
    Optional<Logs> logs(String namespace, String pod, String container);

    /**
     * @param current  the latest container start, running or terminated
     * @param previous the last terminated container (what {@code previous=true} reads): the latest one itself once it
     *                 ended, until a new one starts; null before any container ended
     */
    record Logs(ContainerLog current, ContainerLog previous) {

        public Optional<ContainerLog> previousIfAny() {
            return Optional.ofNullable(previous);
        }
    }
}
