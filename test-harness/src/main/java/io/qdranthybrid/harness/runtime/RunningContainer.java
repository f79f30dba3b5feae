package io.qdranthybrid.harness.runtime;

import io.fabric8.kubernetes.api.model.Probe;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** A started container, as the kubelet sees it. */
public interface RunningContainer {

    /**
     * Runs one probe as written in the pod spec (httpGet, tcpSocket or exec) and reports whether it
     * succeeded. A container whose workload is not up yet simply fails the probe.
     */
    boolean probe(Probe probe);

    /** Completes with the exit code when the process ends, on its own (a crash) or after {@link #stop()}. */
    CompletionStage<Integer> exited();

    /** Terminates the process (SIGTERM then SIGKILL on a real node); idempotent. */
    void stop();

    /** Where this JVM can reach the container's port, e.g. {@code http://127.0.0.1:41234} for 6333. */
    Optional<URI> endpoint(int containerPort);

    /** What the process wrote to stdout and stderr; a container that writes nothing has an empty log. */
    default ContainerLog log() {
        return new ContainerLog();
    }
}
