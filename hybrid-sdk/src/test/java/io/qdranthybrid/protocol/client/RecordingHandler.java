package io.qdranthybrid.protocol.client;

import io.qdranthybrid.protocol.delivery.ApplyOutcome;
import io.qdranthybrid.protocol.message.Command;
import io.qdranthybrid.protocol.message.DesiredState;
import io.qdranthybrid.protocol.message.ResyncRequest;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** An agent core for tests: records what it was asked to apply and answers with a configurable outcome. */
final class RecordingHandler implements ControlPlaneHandler {

    final List<DesiredState> applied = new CopyOnWriteArrayList<>();
    final List<Command> commands = new CopyOnWriteArrayList<>();
    final List<ResyncRequest> resyncs = new CopyOnWriteArrayList<>();
    volatile Function<Command, ApplyOutcome> commandOutcome = command -> ApplyOutcome.applied();
    /** Holds every apply and command until opened, like a Kubernetes API server that is slow to answer. */
    final java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(0);
    volatile java.util.concurrent.CountDownLatch slowApi = gate;
    final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public ApplyOutcome applyDesiredState(DesiredState state) {
        awaitGate();
        applied.add(state);
        return ApplyOutcome.applied();
    }

    @Override
    public ApplyOutcome runCommand(Command command) {
        awaitGate();
        commands.add(command);
        return commandOutcome.apply(command);
    }

    private void awaitGate() {
        waiting.incrementAndGet();
        try {
            slowApi.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            waiting.decrementAndGet();
        }
    }

    @Override
    public void resyncRequested(ResyncRequest request) {
        resyncs.add(request);
    }
}
