package io.qdranthybrid.harness.runtime;

/**
 * Runs the main container of a simulated pod. The simulated kubelet calls it once per container start
 * (first start, restart after a crash, restart after the pod was recreated); implementations decide
 * what the workload does — for Qdrant pods, a simulated Qdrant node.
 */
public interface ContainerRuntime {

    /** Starts the container described by {@code launch}; never blocks on readiness. */
    RunningContainer start(ContainerLaunch launch);
}
