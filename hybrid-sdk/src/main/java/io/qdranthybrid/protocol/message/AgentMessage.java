package io.qdranthybrid.protocol.message;

/** Messages the agent sends to the control plane. */
public sealed interface AgentMessage extends ProtocolMessage
        permits Hello, Ack, Nack, ResourceStatus, EnvironmentStatus, Telemetry, Heartbeat, QueryResult {
}
