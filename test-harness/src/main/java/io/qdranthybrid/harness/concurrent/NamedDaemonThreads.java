package io.qdranthybrid.harness.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Daemon threads named {@code prefix-1}, {@code prefix-2}, ...: the simulator never keeps a JVM alive, and the name
 * prefix says which part of it a thread belongs to (thread dumps, profiles, CPU per thread in the benchmarks).
 */
public final class NamedDaemonThreads {

    private NamedDaemonThreads() {
    }

    public static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
