package io.qdranthybrid.protocol.message;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Positive acknowledgement of the message whose envelope id is {@code ref}. When the agent acknowledges a desired
 * state it names the revision; for a command, the command id. Both are absent when the control plane acknowledges.
 */
public record Ack(String ref, Long revision, String commandId) implements AgentMessage, ControlPlaneMessage {

    public Ack {
        Require.nonBlank(ref, "ref");
        if (revision != null) {
            Require.positive(revision, "revision");
        }
        if (commandId != null) {
            Require.nonBlank(commandId, "commandId");
        }
        if (revision != null && commandId != null) {
            throw new IllegalArgumentException("an ack names a revision or a commandId, not both");
        }
    }

    public static Ack of(String ref) {
        return new Ack(ref, null, null);
    }

    public static Ack ofRevision(String ref, long revision) {
        return new Ack(ref, revision, null);
    }

    public static Ack ofCommand(String ref, String commandId) {
        return new Ack(ref, null, commandId);
    }

    public OptionalLong appliedRevision() {
        return revision == null ? OptionalLong.empty() : OptionalLong.of(revision);
    }

    public Optional<String> completedCommandId() {
        return Optional.ofNullable(commandId);
    }

    @Override
    public MessageType type() {
        return MessageType.ACK;
    }
}
