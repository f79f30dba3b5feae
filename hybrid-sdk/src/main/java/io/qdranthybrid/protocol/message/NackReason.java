package io.qdranthybrid.protocol.message;

/** Why a message was rejected. Unknown codes from a newer peer decode as {@link #UNKNOWN}. */
public enum NackReason {
    /** Not valid JSON, or fields of the wrong type or missing. */
    MALFORMED,
    /** Larger than the session's maximum message size. */
    TOO_LARGE,
    /** A resource kind this agent is not allowed to manage. */
    FORBIDDEN_KIND,
    /** A namespace this agent is not allowed to write to. */
    FORBIDDEN_NAMESPACE,
    /** Well-formed but semantically invalid (e.g. a manifest that fails validation). */
    INVALID,
    /** A delta whose base is not the agent's last applied revision; the control plane should send a snapshot. */
    REVISION_GAP,
    /** An unknown command name. */
    UNSUPPORTED,
    /** The cluster refused it for good: RBAC or an admission webhook (HTTP 403). Resending it cannot help. */
    FORBIDDEN,
    /** The cluster does not serve the kind (its CRD is not installed); the message says what to install. */
    NOT_FOUND,
    /** The agent is too busy to take it now (its command queue is full); send it again later. */
    UNAVAILABLE,
    /** Valid, but applying it to Kubernetes failed; retrying may help. */
    APPLY_FAILED,
    /** The sender is over its message rate; the message was not read. Slow down and send it again later. */
    RATE_LIMITED,
    /** Accepting it would exceed a capacity limit (e.g. distinct resources reported per environment). */
    LIMIT_EXCEEDED,
    UNKNOWN
}
