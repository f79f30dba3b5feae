package io.qdranthybrid.protocol.message;

/** Why the control plane refused a Hello; {@link #permanent()} reasons will not heal by retrying soon. */
public enum RefusalReason {
    BAD_ACCESS_KEY(true),
    UNKNOWN_ENVIRONMENT(true),
    KEY_ROTATED(true),
    NO_COMMON_VERSION(true),
    ENVIRONMENT_DISABLED(true),
    /**
     * The Hello contradicts what the control plane knows (e.g. it claims a desired-state revision the control plane
     * never handed out); retrying the same Hello cannot help.
     */
    PROTOCOL_VIOLATION(true),
    /** Another agent holds the session for this environment. */
    ALREADY_CONNECTED(false),
    /** The control plane is overloaded or starting; retry with the normal backoff. */
    UNAVAILABLE(false),
    /** A reason this SDK version does not know; treated as permanent to avoid hammering. */
    UNKNOWN(true);

    private final boolean permanent;

    RefusalReason(boolean permanent) {
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
