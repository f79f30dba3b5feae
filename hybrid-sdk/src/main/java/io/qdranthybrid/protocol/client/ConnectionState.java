package io.qdranthybrid.protocol.client;

/** Where the agent connection is in its lifecycle. */
public enum ConnectionState {
    NOT_STARTED,
    CONNECTING,
    HANDSHAKING,
    CONNECTED,
    /** Between attempts: after a failure, a lost session, or a refusal. */
    WAITING_TO_RECONNECT,
    CLOSED
}
