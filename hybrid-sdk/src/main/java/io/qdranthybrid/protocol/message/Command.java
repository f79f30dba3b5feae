package io.qdranthybrid.protocol.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * A one-off instruction (e.g. restart a cluster). {@code commandId} is stable across redeliveries so the agent
 * runs each command at most once.
 */
public record Command(String commandId, String name, JsonNode args) implements ControlPlaneMessage {

    public Command {
        Require.nonBlank(commandId, "commandId");
        Require.nonBlank(name, "name");
        args = args == null || args.isNull() || args.isMissingNode() ? JsonNodeFactory.instance.objectNode() : args.deepCopy();
        if (!args.isObject()) {
            throw new IllegalArgumentException("args of command " + name + " must be a JSON object");
        }
    }

    @Override
    public MessageType type() {
        return MessageType.COMMAND;
    }
}
