package io.qdranthybrid.reconcile;

/** The type of a Kubernetes Event, as kubectl shows it. */
public enum EventType {
    Normal,
    Warning
}
