package io.qdranthybrid.benchmarks.convergence;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.qdranthybrid.benchmarks.HeapHistogram;
import io.qdranthybrid.benchmarks.Memory;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.harness.cluster.QdrantClusterManifests;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.harness.kube.ApiServerCpu;
import io.qdranthybrid.harness.kube.RequestJournal;
import io.qdranthybrid.harness.kube.Verb;
import io.qdranthybrid.harness.kube.controllers.kubelet.NodePool;
import io.qdranthybrid.operator.cluster.OperatorDefaults;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * One measurement: a fresh simulated cluster, an operator, N three-node QdrantClusters created at once. Measures the
 * time until all are Healthy, the operator's API requests until then, its writes during a steady-state window, and
 * the heap the operator retains (heap after GC with it running, minus heap after GC once it is closed, everything
 * else in the JVM unchanged).
 */
public final class FleetConvergence {

    private static final int HEAP_BY_CLASS = Integer.getInteger("benchmarks.heapByClass", 0);

    public static final String VERSION = "v1.12.3";
    public static final int NODES_PER_CLUSTER = 3;
    private static final Duration POLL = Duration.ofMillis(250);

    private FleetConvergence() {
    }

    /**
     * @param steady how long to watch for writes once all are Healthy; zero skips the window
     * @throws IllegalStateException when not all clusters became Healthy within {@code timeout}
     */
    public static Result run(Supplier<OperatorUnderTest> operators, int clusters, Duration steady, Duration timeout)
            throws Exception {
        // Each node requests 500m CPU and a simulated Kubernetes node has 4 CPUs, as the scheduler enforces.
        int kubernetesNodes = Math.max(3, (clusters * NODES_PER_CLUSTER + 6) / 7);
        SimulatedCluster.Settings settings = SimulatedCluster.Settings.defaults()
                .withNodes(NodePool.defaults().withCount(kubernetesNodes));
        try (SimulatedCluster cluster = SimulatedCluster.start(settings)) {
            String namespace = cluster.createNamespace("converge");
            OperatorUnderTest operator = operators.get();
            try {
                operator.start(cluster, namespace);
                ApiServerCpu.Snapshot cpuBefore = cluster.api().cpu().snapshot();
                double loadBefore = loadAverage();
                long processCpuBefore = processCpuNanos();
                long operatorCpuBefore = threadCpuNanos(operator.threadNamePrefixes());
                long start = System.nanoTime();
                createAll(cluster, namespace, clusters);
                long healthy = awaitHealthy(cluster, namespace, clusters, start, timeout);
                double seconds = (System.nanoTime() - start) / 1e9;
                double processCpuSeconds = (processCpuNanos() - processCpuBefore) / 1e9;
                double operatorCpuSeconds = operator.threadNamePrefixes().isEmpty() ? Double.NaN
                        : (threadCpuNanos(operator.threadNamePrefixes()) - operatorCpuBefore) / 1e9;
                double loadAfter = loadAverage();
                ApiServerCpu.Snapshot apiServerCpu = cluster.api().cpu().snapshot().minus(cpuBefore);
                RequestJournal.Snapshot requests = cluster.api().journal().snapshotFrom(operator.userAgent());
                long reconciles = operator.reconciles();
                if (healthy < clusters) {
                    throw new IllegalStateException(operator.name() + ": only " + healthy + " of " + clusters
                            + " clusters were Healthy after " + timeout.toSeconds() + " s");
                }
                long writesBefore = cluster.api().journal().snapshotFrom(operator.userAgent()).writes();
                if (!steady.isZero()) {
                    Thread.sleep(steady.toMillis()); // the measurement window itself
                }
                long steadyWrites = cluster.api().journal().snapshotFrom(operator.userAgent()).writes() - writesBefore;
                long withOperator = Memory.usedHeapAfterGc();
                HeapHistogram classesWithOperator = HEAP_BY_CLASS > 0 ? HeapHistogram.take() : null;
                operator.close();
                long withoutOperator = Memory.usedHeapAfterGc();
                if (classesWithOperator != null) {
                    printHeapByClass(operator.name(), clusters, classesWithOperator.minus(HeapHistogram.take()));
                }
                int minimum = MinimumWrites.perNewCluster(
                        QdrantClusterManifests.standard(namespace, "c0", NODES_PER_CLUSTER, VERSION), OperatorDefaults.hybrid());
                return new Result(operator.name(), clusters, seconds, requests, steady, steadyWrites,
                        withOperator - withoutOperator, withOperator, minimum, apiServerCpu, processCpuSeconds,
                        operatorCpuSeconds, reconciles, loadBefore, loadAfter);
            } finally {
                operator.close();
            }
        }
    }

    /**
     * With {@code -Dbenchmarks.heapByClass=N}: prints the N classes whose live objects the operator held most of (heap
     * by class with it running minus once it is closed), to find what its heap per cluster is made of.
     */
    private static void printHeapByClass(String operator, int clusters, List<HeapHistogram.Entry> held) {
        System.out.printf("%s, %d clusters: heap held by class (with the operator minus without)%n", operator, clusters);
        for (HeapHistogram.Entry entry : held.subList(0, Math.min(HEAP_BY_CLASS, held.size()))) {
            System.out.printf("  %10.1f KiB %8d  %.2f KiB per cluster  %s%n", entry.bytes() / 1024.0,
                    entry.instances(), entry.bytes() / 1024.0 / clusters, entry.className());
        }
    }

    /**
     * CPU time of the whole JVM (simulator, operator, GC, JIT): unlike wall time, barely moved by other processes
     * on a shared machine. -1 where the JVM does not offer it.
     */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /** CPU time of the live threads whose names start with one of {@code prefixes}; 0 for none. */
    private static long threadCpuNanos(List<String> prefixes) {
        if (prefixes.isEmpty()) {
            return 0;
        }
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && prefixes.stream().anyMatch(info.getThreadName()::startsWith)) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    /** The machine's 1-minute load average (uptime's first figure): how much else competed for the cores. */
    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void createAll(SimulatedCluster cluster, String namespace, int clusters) throws Exception {
        ExecutorService creators = Executors.newFixedThreadPool(8);
        try {
            List<Future<QdrantCluster>> created = new java.util.ArrayList<>();
            for (int i = 0; i < clusters; i++) {
                QdrantCluster manifest = QdrantClusterManifests.standard(namespace, "c" + i, NODES_PER_CLUSTER, VERSION);
                created.add(creators.submit(() -> cluster.client().resource(manifest).create()));
            }
            for (Future<QdrantCluster> future : created) {
                future.get();
            }
        } finally {
            creators.shutdown();
        }
    }

    private static long awaitHealthy(SimulatedCluster cluster, String namespace, int clusters, long start,
                                     Duration timeout) throws InterruptedException {
        // The observer watches instead of listing: a list of 500 clusters is about 3 MB, and listing four times a
        // second cost the measured JVM several percent of its CPU (the API server rendering and this thread decoding
        // every cluster), slowing what it measures. A watch costs one event per status write.
        Set<String> healthyNames = ConcurrentHashMap.newKeySet();
        ResourceEventHandler<QdrantCluster> observer = new ResourceEventHandler<>() {
            @Override
            public void onAdd(QdrantCluster qc) {
                record(qc);
            }

            @Override
            public void onUpdate(QdrantCluster before, QdrantCluster qc) {
                record(qc);
            }

            @Override
            public void onDelete(QdrantCluster qc, boolean unknownFinalState) {
                healthyNames.remove(qc.getMetadata().getName());
            }

            private void record(QdrantCluster qc) {
                if (qc.getStatus() != null && qc.getStatus().getPhase() == ClusterPhase.HEALTHY) {
                    healthyNames.add(qc.getMetadata().getName());
                } else {
                    healthyNames.remove(qc.getMetadata().getName());
                }
            }
        };
        try (SharedIndexInformer<QdrantCluster> informer = cluster.client().resources(QdrantCluster.class)
                .inNamespace(namespace).inform(observer)) {
            long lastReport = start;
            while (true) {
                long healthy = healthyNames.size();
                long now = System.nanoTime();
                if (healthy >= clusters || now - start > timeout.toNanos()) {
                    return healthy;
                }
                if (now - lastReport > Duration.ofSeconds(10).toNanos()) {
                    System.out.printf("  %d/%d Healthy after %.0f s%n", healthy, clusters, (now - start) / 1e9);
                    lastReport = now;
                }
                Thread.sleep(POLL.toMillis()); // how often the count is looked at, not synchronisation of the operator
            }
        }
    }

    /**
     * @param heapBytes         heap the operator retained after GC (with it minus without it)
     * @param jvmHeapBytes      heap after GC of the whole JVM with the operator running (simulator included)
     * @param minimumPerCluster fewest writes that take one cluster to Healthy ({@link MinimumWrites})
     * @param apiServerCpu      the API server's request-handling and admission CPU from creation to all Healthy
     * @param processCpuSeconds CPU time of the whole JVM from creation to all Healthy
     * @param operatorCpuSeconds CPU time of the operator's own threads over the same time; NaN when not told apart
     * @param reconciles        QdrantCluster reconciles from creation to all Healthy; -1 when the operator does not tell
     * @param loadBefore        the machine's 1-minute load average when the clusters were created
     * @param loadAfter         the same once all were Healthy
     */
    public record Result(String operator, int clusters, double secondsToHealthy, RequestJournal.Snapshot requests,
                         Duration steady, long steadyWrites, long heapBytes, long jvmHeapBytes, int minimumPerCluster,
                         ApiServerCpu.Snapshot apiServerCpu, double processCpuSeconds, double operatorCpuSeconds,
                         long reconciles, double loadBefore,
                         double loadAfter) {

        public double perCluster(Verb verb) {
            return requests.count(verb) / (double) clusters;
        }

        public double requestsPerCluster() {
            return requests.total() / (double) clusters;
        }

        /** Event creates and updates: courtesy to users, not part of converging. */
        public long eventWrites() {
            return requests.count(Verb.CREATE, "events") + requests.count(Verb.UPDATE, "events")
                    + requests.count(Verb.PATCH, "events");
        }

        public double writesPerClusterWithoutEvents() {
            return (requests.writes() - eventWrites()) / (double) clusters;
        }

        public double writesToMinimum() {
            return writesPerClusterWithoutEvents() / minimumPerCluster;
        }
    }
}
