package io.qdranthybrid.protocol.message;

import java.util.Optional;

/**
 * Rejection of the message whose envelope id is {@code ref}; {@code ref} is null when the rejected frame was so broken
 * that its id could not be read. {@code message} is for humans.
 */
public record Nack(String ref, NackReason reason, String message) implements AgentMessage, ControlPlaneMessage {

    public Nack {
        if (ref != null) {
            Require.nonBlank(ref, "ref");
        }
        Require.present(reason, "reason");
        message = Require.orEmpty(message);
    }

    public Optional<String> refIfKnown() {
        return Optional.ofNullable(ref);
    }

    @Override
    public MessageType type() {
        return MessageType.NACK;
    }
}
