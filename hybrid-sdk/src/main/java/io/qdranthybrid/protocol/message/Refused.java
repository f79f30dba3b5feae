package io.qdranthybrid.protocol.message;

/** The control plane refused the Hello; {@code message} is for humans. */
public record Refused(RefusalReason reason, String message) implements ControlPlaneMessage {

    public Refused {
        Require.present(reason, "reason");
        message = Require.orEmpty(message);
    }

    @Override
    public MessageType type() {
        return MessageType.REFUSED;
    }
}
