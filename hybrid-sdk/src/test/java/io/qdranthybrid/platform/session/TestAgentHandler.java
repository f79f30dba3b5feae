package io.qdranthybrid.platform.session;

import io.qdranthybrid.protocol.client.ControlPlaneHandler;
import io.qdranthybrid.protocol.delivery.ApplyOutcome;
import io.qdranthybrid.protocol.message.Command;
import io.qdranthybrid.protocol.message.DesiredResource;
import io.qdranthybrid.protocol.message.DesiredState;
import io.qdranthybrid.protocol.message.NackReason;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal agent core for tests: records what it applied, rejects clusters whose manifest asks for size 0 (as the real
 * agent's validation would), and runs commands it knows.
 */
final class TestAgentHandler implements ControlPlaneHandler {

    final List<DesiredState> applied = new CopyOnWriteArrayList<>();
    final List<Command> commands = new CopyOnWriteArrayList<>();

    @Override
    public ApplyOutcome applyDesiredState(DesiredState state) {
        for (DesiredResource resource : state.resources()) {
            if (resource.manifestIfPresent().map(m -> m.path("spec").path("size").asInt(1) == 0).orElse(false)) {
                return ApplyOutcome.rejected(NackReason.INVALID, resource.key() + ": size 0 is below the minimum 1");
            }
        }
        applied.add(state);
        return ApplyOutcome.applied();
    }

    @Override
    public ApplyOutcome runCommand(Command command) {
        commands.add(command);
        return "restart-cluster".equals(command.name()) ? ApplyOutcome.applied()
                : ApplyOutcome.rejected(NackReason.UNSUPPORTED, "unknown command " + command.name());
    }

    /** Knows one query, "repeat": {@code text} repeated {@code times} times; others are refused as unsupported. */
    @Override
    public String answerQuery(io.qdranthybrid.protocol.message.Query query) {
        if (!"repeat".equals(query.name())) {
            return ControlPlaneHandler.super.answerQuery(query);
        }
        return query.args().path("text").asText().repeat(query.args().path("times").asInt(1));
    }

    /** How many times the resource was handed to the agent core at {@code revision}. */
    long timesApplied(String name, long revision) {
        return applied.stream().flatMap(s -> s.resources().stream())
                .filter(r -> r.key().name().equals(name) && r.revision() == revision).count();
    }
}
