package io.qdranthybrid.harness.bench;

import java.util.Locale;
import java.util.Map;

/** Prints CPU per component for two windows side by side, as shares of all cores. */
public final class CpuTable {

    private CpuTable() {
    }

    /** Prints the table; returns the simulator's share (its threads plus GC and JIT) in the first window. */
    public static double print(ThreadCpuMeter.Usage first, ThreadCpuMeter.Usage second) {
        System.out.printf(Locale.ROOT, "CPU as %% of %d cores (per-thread CPU time, grouped by thread name): "
                + "bring-up %.1f s, steady %.1f s%n%n", first.cores(), first.wallSeconds(), second.wallSeconds());
        System.out.println("| component | bring-up | steady |");
        System.out.println("|---|---|---|");
        for (Map.Entry<ThreadCpuMeter.Component, Double> part : first.seconds().entrySet()) {
            row(part.getKey().name(), first.shareOfCores(part.getValue()),
                    second.shareOfCores(second.seconds().get(part.getKey())));
        }
        row("other Java threads", first.shareOfCores(first.otherSeconds()), second.shareOfCores(second.otherSeconds()));
        row("JVM: GC and JIT (not Java threads)", first.shareOfCores(first.jvmSeconds()),
                second.shareOfCores(second.jvmSeconds()));
        row("**simulator threads**", first.shareOfCores(first.simulatorSeconds()),
                second.shareOfCores(second.simulatorSeconds()));
        // GC and JIT mostly serve the simulator here (the benchmark allocates little), so count them with it.
        double firstShare = first.shareOfCores(first.simulatorSeconds() + first.jvmSeconds());
        row("**simulator with GC and JIT**", firstShare,
                second.shareOfCores(second.simulatorSeconds() + second.jvmSeconds()));
        row("whole process", first.shareOfCores(first.processSeconds()), second.shareOfCores(second.processSeconds()));
        return firstShare;
    }

    private static void row(String name, double first, double second) {
        System.out.printf(Locale.ROOT, "| %s | %.1f%% | %.1f%% |%n", name, first, second);
    }
}
