package io.qdranthybrid.protocol.message;

import java.util.Optional;

import java.util.List;

/**
 * Rejection of the message whose envelope id is {@code ref}; {@code ref} is null when the rejected frame was so broken
 * that its id could not be read. {@code message} is for humans.
 *
 * @param resources for a desired state, the resources the rejection concerns, each with its own reason; empty when it
 *                  concerns the message as a whole (or the agent predates naming them)
 */
public record Nack(String ref, NackReason reason, String message, List<RefusedResource> resources)
        implements AgentMessage, ControlPlaneMessage {

    public Nack(String ref, NackReason reason, String message) {
        this(ref, reason, message, List.of());
    }

    public Nack {
        if (ref != null) {
            Require.nonBlank(ref, "ref");
        }
        Require.present(reason, "reason");
        message = Require.orEmpty(message);
        resources = resources == null ? List.of() : Require.listOf(resources, "resources");
    }

    /** The same rejection answering another envelope. */
    public Nack withRef(String otherRef) {
        return new Nack(otherRef, reason, message, resources);
    }

    public Optional<String> refIfKnown() {
        return Optional.ofNullable(ref);
    }

    @Override
    public MessageType type() {
        return MessageType.NACK;
    }
}
