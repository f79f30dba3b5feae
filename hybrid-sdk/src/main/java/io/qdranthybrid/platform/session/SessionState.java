package io.qdranthybrid.platform.session;

/** Lifecycle of one agent session. */
public enum SessionState {
    AWAITING_HELLO,
    ESTABLISHED,
    CLOSED
}
