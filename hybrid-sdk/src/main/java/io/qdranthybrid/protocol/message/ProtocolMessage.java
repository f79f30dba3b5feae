package io.qdranthybrid.protocol.message;

/** Any message of the agent protocol; {@link #type()} is the envelope's {@code type}. */
public sealed interface ProtocolMessage permits AgentMessage, ControlPlaneMessage {

    MessageType type();
}
