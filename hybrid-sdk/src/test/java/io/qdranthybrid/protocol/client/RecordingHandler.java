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

    @Override
    public ApplyOutcome applyDesiredState(DesiredState state) {
        applied.add(state);
        return ApplyOutcome.applied();
    }

    @Override
    public ApplyOutcome runCommand(Command command) {
        commands.add(command);
        return commandOutcome.apply(command);
    }

    @Override
    public void resyncRequested(ResyncRequest request) {
        resyncs.add(request);
    }
}
