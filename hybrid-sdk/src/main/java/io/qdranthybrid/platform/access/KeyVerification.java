package io.qdranthybrid.platform.access;

/** The outcome of checking a presented access key. */
public enum KeyVerification {
    VALID,
    /** Unknown key id, a wrong secret, or a key of another environment. */
    BAD_KEY,
    /** The right secret of a key that a newer one replaced: the agent must get the new install command. */
    ROTATED
}
