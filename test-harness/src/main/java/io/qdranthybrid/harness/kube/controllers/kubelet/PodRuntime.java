package io.qdranthybrid.harness.kube.controllers.kubelet;

import io.fabric8.kubernetes.api.model.PodStatus;
import io.qdranthybrid.harness.kube.PodLogSource;
import io.qdranthybrid.harness.runtime.RunningContainer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the kubelet knows about one pod it runs: its main container's process, restarts, back-off,
 * probe workers and the transition times its status reports. Mutated only by the reconcile of its
 * pod (one at a time, guaranteed by the work queue); probe workers and exit callbacks only signal.
 */
final class PodRuntime {

    record Termination(int exitCode, String reason, Instant startedAt, Instant finishedAt, String containerId) {
    }

    record Waiting(String reason, String message) {
    }

    final String uid;
    final Instant admittedAt;
    RunningContainer container;
    /** The log of the latest container start and of the one before it (what {@code kubectl logs -p} reads). */
    volatile PodLogSource.Logs logs;
    Instant containerStartedAt;
    String containerId;
    /** Set when the pod's volumes and config resolved once: a real pod then has a sandbox and an IP. */
    boolean sandboxReady;
    int restartCount;
    Termination lastTermination;
    Waiting waiting = new Waiting("ContainerCreating", null);
    Instant nextStartAt = Instant.MIN;
    Duration backOff;
    /** When the image may be pulled again after a failed pull, and that back-off (image_manager.go's backOff). */
    Instant nextPullAt = Instant.MIN;
    Duration pullBackOff;
    /** The phase a pod that must not restart ended in (Succeeded or Failed), or null while it lives. */
    String finalPhase;
    final List<ProbeWorker> probes = new ArrayList<>();
    boolean wasReady;
    Instant readyChangedAt;
    String lastWrittenStatus;
    String lastWrittenOverVersion;
    /** The desired status last found equal to the pod's, and that pod version: most reconciles change nothing. */
    PodStatus lastMatchedStatus;
    String lastMatchedVersion;

    PodRuntime(String uid, Instant admittedAt) {
        this.uid = uid;
        this.admittedAt = admittedAt;
        this.readyChangedAt = admittedAt;
    }

    boolean isRunning() {
        return container != null;
    }

    /** Started: running and past its startup probe, if it has one. */
    boolean isStarted() {
        return isRunning() && probe(ProbeWorker.Kind.STARTUP).map(ProbeWorker::passing).orElse(true);
    }

    boolean isReady() {
        return isStarted() && probe(ProbeWorker.Kind.READINESS).map(ProbeWorker::passing).orElse(true);
    }

    /** The liveness probe, or the startup probe before the container started, exhausted its failure threshold. */
    boolean mustBeKilled() {
        return isRunning() && (probe(ProbeWorker.Kind.LIVENESS).map(ProbeWorker::failed).orElse(false)
                || probe(ProbeWorker.Kind.STARTUP).map(p -> !p.passing() && p.failed()).orElse(false));
    }

    Optional<ProbeWorker> probe(ProbeWorker.Kind kind) {
        return probes.stream().filter(p -> p.kind() == kind).findFirst();
    }

    void cancelProbes() {
        probes.forEach(ProbeWorker::cancel);
        probes.clear();
    }
}
