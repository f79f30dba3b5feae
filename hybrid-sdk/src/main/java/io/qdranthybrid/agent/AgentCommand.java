package io.qdranthybrid.agent;

import io.qdranthybrid.protocol.delivery.ApplyOutcome;
import io.qdranthybrid.protocol.message.Command;

/**
 * Runs one named command from the control plane inside the agent. Cluster operations travel as desired state, so the
 * agent registers no command of its own: a command is refused as {@code UNSUPPORTED} unless a handler for its name was
 * registered with {@link CloudAgent.Builder#command}.
 *
 * <p>Commands are handled at most once per command id: a final outcome (applied, or rejected with a non-retryable
 * reason) is remembered and repeated on redelivery without running the handler again; an {@code APPLY_FAILED}
 * outcome or an exception lets a redelivery run it again. Handlers run on the agent's apply thread, one at a time.
 */
@FunctionalInterface
public interface AgentCommand {

    ApplyOutcome run(Command command);
}
