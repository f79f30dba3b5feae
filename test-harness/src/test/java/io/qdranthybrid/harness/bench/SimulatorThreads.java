package io.qdranthybrid.harness.bench;

import io.qdranthybrid.harness.bench.ThreadCpuMeter.Component;

import java.util.List;

/** The simulator's parts as its thread names show them, and the benchmark's own threads. */
public final class SimulatorThreads {

    public static final String BENCHMARK_CLIENT = "benchmark-client";

    public static final List<Component> COMPONENTS = List.of(
            new Component("API server (fabric8 mock server on vert.x)", true, "vert.x-", "vertx-"),
            new Component("StatefulSet controller", true, "statefulset-controller"),
            new Component("scheduler", true, "scheduler-"),
            new Component("storage controller", true, "storage-controller"),
            new Component("volume snapshot controller", true, "volume-snapshot-controller"),
            new Component("garbage collector (controller)", true, "garbage-collector"),
            new Component("kubelet (workers, probe scheduling, probe HTTP client)", true, "kubelet-", "HttpClient-"),
            // The JDK HttpServer gives every node a dispatcher thread and an idle-timeout timer with fixed names.
            new Component("Qdrant nodes (HTTP servers, consensus timers)", true, "qdrant-sim-", "HTTP-Dispatcher",
                    "idle-timeout-task", "server-timer"),
            // OkHttp renames a thread serving a watch to "OkHttp <url>"; only the controllers' client watches here.
            new Component("controllers' client (HTTP, watches, informers)", true,
                    "sim-controllers-client", "OkHttp ", "Okio "),
            new Component("benchmark (main, object creation, polling, its client)", false,
                    "main", "benchmark-"));

    private SimulatorThreads() {
    }
}
