package io.qdranthybrid.platform.session;

/** WebSocket close codes the control plane uses; 4000-4999 are application-defined by RFC 6455. */
public final class SessionCloseCodes {

    /** The control plane shuts down; the agent reconnects with its normal backoff. */
    public static final int GOING_AWAY = 1001;
    /** Sent too many frames the protocol rejects before its Hello (RFC 6455 7.4.1: policy violation). */
    public static final int POLICY_VIOLATION = 1008;
    /** Too many connections wait for their handshake; try again later (RFC 6455 7.4.1 via the IANA registry). */
    public static final int TRY_AGAIN_LATER = 1013;
    /** The Hello was refused (the Refused message sent before says why). */
    public static final int REFUSED = 1008;
    /** The access key of this session was rotated; a Refused KEY_ROTATED was sent before. */
    public static final int KEY_ROTATED = 4001;
    /** Nothing received for the heartbeat timeout. */
    public static final int HEARTBEAT_TIMEOUT = 4002;
    /** No Hello within the handshake timeout. */
    public static final int HANDSHAKE_TIMEOUT = 4003;
    /** A newer session of the same environment took over (e.g. the agent reconnected before we saw this one die). */
    public static final int SUPERSEDED = 4004;

    /** The environment was decommissioned; a Refused ENVIRONMENT_DISABLED was sent before. */
    public static final int ENVIRONMENT_DELETED = 4005;

    private SessionCloseCodes() {
    }
}
