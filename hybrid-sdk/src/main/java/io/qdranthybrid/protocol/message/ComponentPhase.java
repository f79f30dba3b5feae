package io.qdranthybrid.protocol.message;

/** Health of one control-plane component (operator, cluster-manager, monitoring) in the environment. */
public enum ComponentPhase {
    READY,
    NOT_READY,
    NOT_FOUND
}
