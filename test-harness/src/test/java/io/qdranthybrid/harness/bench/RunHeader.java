package io.qdranthybrid.harness.bench;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The lines that make a printed result reproducible: when, on what, with which arguments. */
public final class RunHeader {

    private RunHeader() {
    }

    public static void print(String benchmark, String[] args) {
        Runtime runtime = Runtime.getRuntime();
        System.out.printf("## %s %s, finished %s%n%n", benchmark, String.join(" ", args),
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
        System.out.printf("Machine: %d of %d cores, %s %s (%s), %s %s %s, JVM flags %s, max heap %d MiB.%n%n",
                runtime.availableProcessors(), MachineCores.online(), System.getProperty("java.vendor"), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"),
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()),
                runtime.maxMemory() / 1048576);
    }
}
