package io.qdranthybrid.harness.junit;

/** Which Kubernetes a {@link HybridCloudTest} runs on. */
public enum ClusterKind {
    /** The simulated k3s in this JVM: always available, starts in about a second, every part can fail on demand. */
    SIMULATED,
    /** A real k3s in a container; the test class is skipped where Docker is not available. */
    K3S
}
