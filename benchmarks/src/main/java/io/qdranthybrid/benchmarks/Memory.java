package io.qdranthybrid.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** Heap and resident-memory readings for benchmarks. */
public final class Memory {

    public static final long MIB = 1024 * 1024;

    private Memory() {
    }

    /**
     * Heap in use after asking for full collections: the lowest of a few readings, each after System.gc() and a short
     * pause that lets a concurrent collector finish (a measurement aid, not synchronisation).
     */
    public static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }

    /** This process's resident set size from /proc, or -1 where there is no /proc (not Linux). */
    public static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** Heap the JVM holds from the operating system now (used or not). */
    public static long committedHeap() {
        return Runtime.getRuntime().totalMemory();
    }

    /** Memory outside the heap the JVM accounts for: metaspace, compressed class space, code cache. */
    public static long committedNonHeap() {
        return ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getCommitted();
    }

    public static double mib(long bytes) {
        return bytes / (double) MIB;
    }
}
