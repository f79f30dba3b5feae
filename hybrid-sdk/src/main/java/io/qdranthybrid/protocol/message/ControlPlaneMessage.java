package io.qdranthybrid.protocol.message;

/** Messages the control plane sends to the agent. */
public sealed interface ControlPlaneMessage extends ProtocolMessage
        permits Welcome, Refused, DesiredState, DesiredStatePart, Command, Ack, Nack, Heartbeat, ResyncRequest, Query {
}
