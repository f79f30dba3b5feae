package io.qdranthybrid.platform.environment;

/** The environment phase a user sees, as in the public API, plus UNKNOWN when the agent has gone silent. */
public enum EnvironmentPhase {
    READY,
    NOT_READY,
    FAILED_TO_SYNC,
    /** No word from the agent for longer than the silence window, or never. */
    UNKNOWN,
    /** Being deleted: its agent removes what it manages, then the record goes (see the offboarding in deploy/README). */
    DELETING
}
