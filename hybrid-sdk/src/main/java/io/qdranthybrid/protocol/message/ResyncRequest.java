package io.qdranthybrid.protocol.message;

/** The control plane lost track of this environment: the agent should report all statuses again. */
public record ResyncRequest(String reason) implements ControlPlaneMessage {

    public ResyncRequest {
        reason = Require.orEmpty(reason);
    }

    @Override
    public MessageType type() {
        return MessageType.RESYNC_REQUEST;
    }
}
