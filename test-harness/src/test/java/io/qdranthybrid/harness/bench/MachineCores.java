package io.qdranthybrid.harness.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's online cores, which {@link Runtime#availableProcessors()} does not give once the process is
 * confined to some of them (taskset, cgroup cpusets): it reports only those.
 */
public final class MachineCores {

    private static final Path ONLINE = Path.of("/sys/devices/system/cpu/online");

    private MachineCores() {
    }

    /** Cores online, read from Linux's list ("0-1", "0,2-3"); the JVM's own count elsewhere. */
    public static int online() {
        try {
            return count(Files.readString(ONLINE).trim());
        } catch (IOException | RuntimeException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    static int count(String list) {
        int cores = 0;
        for (String range : list.split(",")) {
            String[] bounds = range.split("-");
            int first = Integer.parseInt(bounds[0].trim());
            int last = bounds.length > 1 ? Integer.parseInt(bounds[1].trim()) : first;
            cores += last - first + 1;
        }
        return cores;
    }
}
