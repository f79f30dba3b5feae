package io.qdranthybrid.protocol.message;

/** Sent by either side when idle, so the other can tell a quiet session from a dead one. */
public record Heartbeat() implements AgentMessage, ControlPlaneMessage {

    @Override
    public MessageType type() {
        return MessageType.HEARTBEAT;
    }
}
