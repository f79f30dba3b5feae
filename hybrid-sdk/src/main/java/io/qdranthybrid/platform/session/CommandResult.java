package io.qdranthybrid.platform.session;

import io.qdranthybrid.protocol.message.NackReason;

/** How the agent answered a command. */
public sealed interface CommandResult permits CommandResult.Completed, CommandResult.Rejected {

    String commandId();

    record Completed(String commandId) implements CommandResult {
    }

    record Rejected(String commandId, NackReason reason, String message) implements CommandResult {
    }
}
