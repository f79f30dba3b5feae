package io.qdranthybrid.harness.qdrant;

import io.fabric8.kubernetes.api.model.Probe;
import io.qdranthybrid.harness.runtime.RunningContainer;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A container whose process exited before serving anything, e.g. on an unreadable config file. */
record ExitedAtStart(int exitCode) implements RunningContainer {

    @Override
    public boolean probe(Probe probe) {
        return false;
    }

    @Override
    public CompletionStage<Integer> exited() {
        return CompletableFuture.completedFuture(exitCode);
    }

    @Override
    public void stop() {
        // Already exited.
    }

    @Override
    public Optional<URI> endpoint(int containerPort) {
        return Optional.empty();
    }
}
