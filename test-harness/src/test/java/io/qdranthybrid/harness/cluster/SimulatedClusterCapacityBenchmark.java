package io.qdranthybrid.harness.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;

import io.qdranthybrid.harness.bench.CpuTable;
import io.qdranthybrid.harness.bench.MachineCores;
import io.qdranthybrid.harness.bench.RunHeader;
import io.qdranthybrid.harness.bench.SimulatorThreads;
import io.qdranthybrid.harness.bench.ThreadCpuMeter;
import io.qdranthybrid.harness.concurrent.NamedDaemonThreads;
import io.qdranthybrid.harness.kube.RequestJournal;
import io.qdranthybrid.harness.kube.controllers.kubelet.KubeletSettings;
import io.qdranthybrid.harness.kube.controllers.kubelet.NodePool;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * How many Qdrant clusters the whole simulated k3s sustains: N three-node StatefulSets shaped exactly as the
 * operator renders them (ConfigMap, headless Service, two volumes per node), brought up by the simulated
 * StatefulSet controller, scheduler, storage and kubelet, each pod running a simulated Qdrant node that must
 * join its cluster's consensus. No operator runs, so every CPU second measured is the simulator's or the
 * benchmark's. Prints time to all-ready, pods per second, CPU per simulator component (per-thread CPU time grouped
 * by thread name) during the bring-up and during a steady window after it, and a verdict.
 *
 * <p>The verdict asks whether the simulator leaves the code under test room: held to half of the machine's cores
 * (run it under {@code taskset -c 0} on 2 cores), it must bring all clusters up within {@link #BRING_UP_TARGET},
 * the time the convergence benchmark allows the operator for 500 clusters. A share of the cores during the
 * bring-up cannot answer that: any burst of work that needs no waiting uses all the cores it is given until done.
 * Run unconfined, the benchmark reports the shares but does not judge.
 *
 * <p>Run from the repository root (the first command compiles and writes the test classpath):
 * <pre>mvn -B -o -q -pl test-harness -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/benchmark.classpath
 * taskset -c 0 java -Xmx2g -XX:TieredStopAtLevel=1 \
 *   -cp test-harness/target/test-classes:test-harness/target/classes:$(cat test-harness/target/benchmark.classpath) \
 *   io.qdranthybrid.harness.cluster.SimulatedClusterCapacityBenchmark 500 1.0 [warm-up clusters]</pre>
 */
public final class SimulatedClusterCapacityBenchmark {

    /** On half of the cores, all clusters must be up within this (the convergence benchmark's target at 500). */
    private static final Duration BRING_UP_TARGET = Duration.ofSeconds(60);
    private static final Duration STEADY_WINDOW = Duration.ofSeconds(20);

    private SimulatedClusterCapacityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // One log line per pod transition would measure the console, not the simulator.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        int clusters = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        // 1.0 runs probes on the pod spec's own periods (readiness every 5 s); smaller values speed them up.
        double probeTimeScale = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
        // Clusters brought up first on a separate simulated cluster and not reported, so that the JIT has compiled
        // the simulator before the clock starts (C2 takes some 25 CPU s in a cold JVM's first minute).
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        ThreadCpuMeter cpu = new ThreadCpuMeter(SimulatorThreads.COMPONENTS);

        if (warmup > 0) {
            System.out.printf("warming up with %d clusters on a separate simulated cluster (not reported)%n", warmup);
            try (SimulatedCluster cluster = SimulatedCluster.start(settings(warmup, probeTimeScale));
                 KubernetesClient client = cluster.api().newClient(cluster.api().clientConfig("default"),
                         SimulatorThreads.BENCHMARK_CLIENT)) {
                bringUp(client, cluster.createNamespace("warmup"), warmup, System.nanoTime(), cpu);
            }
        }
        try (SimulatedCluster cluster = SimulatedCluster.start(settings(clusters, probeTimeScale));
             KubernetesClient client = cluster.api().newClient(cluster.api().clientConfig("default"),
                     SimulatorThreads.BENCHMARK_CLIENT)) {
            String namespace = cluster.createNamespace("bench");
            cpu.start();
            long start = System.nanoTime();
            double created = bringUp(client, namespace, clusters, start, cpu);
            int expectedPods = clusters * 3;
            int ready = readyPods(client, namespace);
            double allReady = seconds(start);
            ThreadCpuMeter.Usage bringUp = cpu.usage();
            long inConsensus = cluster.qdrant().clusters().stream().filter(c -> c.peerIds().size() == 3).count();

            // Sustaining: every pod's probes keep running, nothing else changes; the benchmark stays idle.
            cpu.start();
            Thread.sleep(STEADY_WINDOW.toMillis()); // a measurement window, not a wait for a condition
            ThreadCpuMeter.Usage steady = cpu.usage();

            RunHeader.print("SimulatedClusterCapacityBenchmark", args);
            System.out.println("| metric | value |");
            System.out.println("|---|---|");
            row("three-node clusters (StatefulSets)", clusters);
            row("probe time scale", probeTimeScale);
            row("simulated nodes", client.nodes().list().getItems().size());
            row("warm-up clusters before the clock (not reported)", warmup);
            row("objects created (s)", created);
            row("all " + expectedPods + " pods Ready (s)", allReady);
            row("pods ready per second", expectedPods / allReady);
            row("clusters with 3 peers in consensus", inConsensus);
            row("API requests", cluster.api().journal().snapshot().byVerb().values().stream().mapToLong(Long::longValue).sum());
            row("live threads", ManagementFactory.getThreadMXBean().getThreadCount());
            row("heap used (MiB)", (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1048576);
            row("system load average (1 min) at the end", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.println();
            printRequestsPerPod(cluster.api().journal().snapshot(), expectedPods);
            System.out.println();
            CpuTable.print(bringUp, steady);
            boolean allUp = ready == expectedPods && inConsensus == clusters;
            System.out.println();
            System.out.println(verdict(allUp, ready, expectedPods, inConsensus, clusters, allReady));
            if (!allUp) {
                System.exit(1);
            }
        }
        System.exit(0);
    }

    /** Where the requests went: per pod, by resource and verb (the benchmark's own polling included). */
    private static void printRequestsPerPod(RequestJournal.Snapshot requests, int pods) {
        System.out.println("API requests per pod, by resource and verb:");
        System.out.println();
        System.out.println("| resource | requests per pod | by verb |");
        System.out.println("|---|---|---|");
        requests.byResource().forEach((resource, byVerb) -> System.out.printf(Locale.ROOT, "| %s | %.2f | %s |%n",
                resource.isEmpty() ? "(discovery)" : resource,
                byVerb.values().stream().mapToLong(Long::longValue).sum() / (double) pods,
                byVerb.entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(e -> e.getKey().name().toLowerCase(Locale.ROOT) + " " + e.getValue())
                        .collect(Collectors.joining(", "))));
    }

    private static SimulatedCluster.Settings settings(int clusters, double probeTimeScale) {
        // A node takes 110 pods, as a real kubelet does by default: give the pods room.
        int nodes = Math.max(3, (clusters * 3 + 99) / 100);
        return SimulatedCluster.Settings.defaults()
                .withNodes(NodePool.defaults().withCount(nodes))
                .withKubelet(KubeletSettings.defaults().withProbeTimeScale(probeTimeScale));
    }

    /** Creates the clusters' objects, then polls until all pods are Ready (or 10 minutes); returns when created. */
    private static double bringUp(KubernetesClient client, String namespace, int clusters, long start,
                                  ThreadCpuMeter cpu) throws InterruptedException {
        ExecutorService creators = Executors.newFixedThreadPool(8, NamedDaemonThreads.named("benchmark-creator"));
        for (int i = 0; i < clusters; i++) {
            String id = "b" + i;
            creators.submit(() -> RenderedQdrantCluster.objects(namespace, id, 3).forEach(o -> client.resource(o).create()));
        }
        creators.shutdown();
        creators.awaitTermination(10, TimeUnit.MINUTES);
        double created = seconds(start);
        int ready = 0;
        while (ready < clusters * 3 && seconds(start) < 600) {
            ready = readyPods(client, namespace);
            if (System.getProperty("progress") != null) {
                System.out.printf(Locale.ROOT, "%5.1fs ready=%d%n", seconds(start), ready);
            }
            cpu.sample();
            if (ready < clusters * 3) {
                Thread.sleep(2000); // the polling period, not a wait for correctness
            }
        }
        return created;
    }

    private static int readyPods(KubernetesClient client, String namespace) {
        List<Pod> pods = client.pods().inNamespace(namespace).list().getItems();
        return (int) pods.stream().filter(SimulatedClusterCapacityBenchmark::isReady).count();
    }

    private static String verdict(boolean allUp, int ready, int pods, long inConsensus, int clusters, double seconds) {
        int cores = Runtime.getRuntime().availableProcessors();
        int machineCores = MachineCores.online();
        String outcome = String.format(Locale.ROOT, "%d/%d pods Ready, %d/%d clusters in consensus, after %.1f s on %d "
                + "of the machine's %d cores", ready, pods, inConsensus, clusters, seconds, cores, machineCores);
        if (cores * 2 > machineCores) {
            return "Verdict: not judged (" + outcome + "). Hold the simulator to half of the cores to judge it, e.g. "
                    + "`taskset -c 0` on 2 cores.";
        }
        boolean pass = allUp && seconds <= BRING_UP_TARGET.toSeconds();
        return String.format(Locale.ROOT, "Verdict: %s. %s; target: all up within %d s on at most half of the cores, "
                + "leaving the rest to the code under test.", pass ? "PASS" : "FAIL", outcome, BRING_UP_TARGET.toSeconds());
    }

    private static boolean isReady(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void row(String name, Object value) {
        String text = value instanceof Double d ? String.format(Locale.ROOT, "%.1f", d) : String.valueOf(value);
        System.out.println("| " + name + " | " + text + " |");
    }
}
