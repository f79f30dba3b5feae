package io.qdranthybrid.harness.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of this process per component, from each Java thread's CPU time grouped by thread-name prefix.
 * {@link #sample()} it now and then: a thread that ends between samples keeps the CPU it had at the last one, and
 * a thread OkHttp renames to {@code OkHttp <url>} while it serves a call keeps the name it was last seen with.
 * GC and JIT threads are not Java threads; their CPU is the process total minus the Java threads'.
 */
public final class ThreadCpuMeter {

    /** A part of the process, recognised by the prefixes of its threads' names. */
    public record Component(String name, boolean simulator, List<String> threadPrefixes) {
        public Component(String name, boolean simulator, String... threadPrefixes) {
            this(name, simulator, List.of(threadPrefixes));
        }

        boolean owns(String threadName) {
            return threadPrefixes.stream().anyMatch(threadName::startsWith);
        }
    }

    /** CPU seconds per component over a window, with the process total and the JVM's own (GC, JIT) share. */
    public record Usage(Map<Component, Double> seconds, double jvmSeconds, double otherSeconds, double processSeconds,
                        double wallSeconds, int cores) {
        public double shareOfCores(double cpuSeconds) {
            return 100 * cpuSeconds / (wallSeconds * cores);
        }

        public double simulatorSeconds() {
            return seconds.entrySet().stream().filter(e -> e.getKey().simulator()).mapToDouble(Map.Entry::getValue).sum();
        }
    }

    private static final String OKHTTP_CALL_NAME = "OkHttp http";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final List<Component> components;
    private final Map<Long, Long> cpuAtStart = new HashMap<>();
    private final Map<Long, Long> cpuLastSeen = new HashMap<>();
    private final Map<Long, String> nameLastSeen = new HashMap<>();
    private long processCpuAtStart;
    private long wallAtStart;

    public ThreadCpuMeter(List<Component> components) {
        this.components = List.copyOf(components);
        threads.setThreadCpuTimeEnabled(true);
    }

    /** Starts a window: CPU used so far is not counted. */
    public synchronized void start() {
        cpuAtStart.clear();
        cpuLastSeen.clear();
        nameLastSeen.clear();
        sample();
        cpuAtStart.putAll(cpuLastSeen);
        processCpuAtStart = os.getProcessCpuTime();
        wallAtStart = System.nanoTime();
    }

    public synchronized void sample() {
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu < 0) {
                continue;
            }
            cpuLastSeen.put(info.getThreadId(), cpu);
            String name = info.getThreadName();
            if (!name.startsWith(OKHTTP_CALL_NAME) || !nameLastSeen.containsKey(info.getThreadId())) {
                nameLastSeen.put(info.getThreadId(), name);
            }
        }
    }

    /** CPU used since {@link #start()}, by component. */
    public synchronized Usage usage() {
        sample();
        Map<Component, Double> seconds = new LinkedHashMap<>();
        components.forEach(c -> seconds.put(c, 0.0));
        double other = 0;
        double javaThreads = 0;
        for (Map.Entry<Long, Long> thread : cpuLastSeen.entrySet()) {
            double used = (thread.getValue() - cpuAtStart.getOrDefault(thread.getKey(), 0L)) / 1e9;
            javaThreads += used;
            String name = nameLastSeen.get(thread.getKey());
            Component owner = components.stream().filter(c -> c.owns(name)).findFirst().orElse(null);
            if (owner == null) {
                other += used;
            } else {
                seconds.merge(owner, used, Double::sum);
            }
        }
        double process = (os.getProcessCpuTime() - processCpuAtStart) / 1e9;
        return new Usage(seconds, Math.max(0, process - javaThreads), other, process,
                (System.nanoTime() - wallAtStart) / 1e9, os.getAvailableProcessors());
    }
}
