package io.qdranthybrid.protocol.message;

/** How one prerequisite of the environment stands; ordered from worst to best so a sort puts failures first. */
public enum PrerequisiteVerdict {
    /** The agent or a Qdrant cluster will not work until this is fixed. */
    FAIL,
    /** Works, but a feature is unavailable (backups, disk growth) or the check itself could not run. */
    WARN,
    PASS
}
