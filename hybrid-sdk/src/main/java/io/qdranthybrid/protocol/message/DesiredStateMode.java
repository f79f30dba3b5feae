package io.qdranthybrid.protocol.message;

/** Whether a desired state lists everything (resources not listed must go) or only changes since a base revision. */
public enum DesiredStateMode {
    SNAPSHOT,
    DELTA
}
