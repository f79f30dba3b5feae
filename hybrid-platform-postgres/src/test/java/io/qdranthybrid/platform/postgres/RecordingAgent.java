package io.qdranthybrid.platform.postgres;

import io.qdranthybrid.protocol.client.ControlPlaneHandler;
import io.qdranthybrid.protocol.delivery.ApplyOutcome;
import io.qdranthybrid.protocol.message.Command;
import io.qdranthybrid.protocol.message.DesiredResource;
import io.qdranthybrid.protocol.message.DesiredState;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An agent core that applies everything and records each resource it was handed, in order. */
final class RecordingAgent implements ControlPlaneHandler {

    final List<DesiredResource> applied = new CopyOnWriteArrayList<>();
    final List<Command> commands = new CopyOnWriteArrayList<>();

    @Override
    public ApplyOutcome applyDesiredState(DesiredState state) {
        applied.addAll(state.resources());
        return ApplyOutcome.applied();
    }

    @Override
    public ApplyOutcome runCommand(Command command) {
        commands.add(command);
        return ApplyOutcome.applied();
    }
}
