package io.qdranthybrid.benchmarks.report;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Where a run was measured: figures mean little without the cores and JVM behind them.
 *
 * @param cores     processors available to this JVM
 * @param jvm       vendor, version and VM name
 * @param os        name, version and architecture
 * @param maxHeapMiB the JVM's heap limit
 * @param date      when the run finished (UTC, seconds)
 */
public record Machine(int cores, String jvm, String os, long maxHeapMiB, String date) {

    public static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vendor") + " " + System.getProperty("java.version") + " ("
                        + System.getProperty("java.vm.name") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    public String summary() {
        return cores + " cores, " + jvm + ", " + os + ", max heap " + maxHeapMiB + " MiB";
    }
}
