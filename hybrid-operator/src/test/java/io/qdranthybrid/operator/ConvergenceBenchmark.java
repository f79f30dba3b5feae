package io.qdranthybrid.operator;

import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.harness.kube.ApiCall;
import io.qdranthybrid.harness.kube.Verb;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * N three-node QdrantClusters created at once, reconciled by our operator on the simulated cluster: time until
 * all are Healthy, the operator's API requests per cluster by verb, and its writes during a steady-state window
 * (which must be zero). A main, never a unit test.
 *
 * <pre>mvn -q -pl hybrid-operator -am test-compile; then run this class with the test classpath, args: N [steadySeconds]</pre>
 */
public final class ConvergenceBenchmark {

    private ConvergenceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int clusters = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int steadySeconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        // Each node requests 500m CPU and a simulated Kubernetes node has 4 CPUs, as the scheduler enforces.
        int nodes = Math.max(3, (clusters * 3 + 6) / 7);
        SimulatedCluster.Settings settings = SimulatedCluster.Settings.defaults()
                .withNodes(io.qdranthybrid.harness.kube.controllers.NodePool.defaults().withCount(nodes));
        try (SimulatedCluster cluster = SimulatedCluster.start(settings);
             OperatorHarness harness = new OperatorHarness(cluster, cluster.createNamespace("converge"))) {
            harness.startOperator();
            long start = System.nanoTime();
            ExecutorService creators = Executors.newFixedThreadPool(8);
            for (int i = 0; i < clusters; i++) {
                String id = "c" + i;
                creators.submit(() -> harness.create(id, 3, "v1.12.3"));
            }
            creators.shutdown();
            creators.awaitTermination(5, TimeUnit.MINUTES);

            long healthy = 0;
            while (healthy < clusters && seconds(start) < 600) {
                healthy = cluster.client().resources(QdrantCluster.class).inNamespace(harness.namespace).list().getItems()
                        .stream().filter(qc -> qc.getStatus() != null && qc.getStatus().getPhase() == ClusterPhase.HEALTHY)
                        .count();
                Thread.sleep(500);
            }
            double converged = seconds(start);
            Map<Verb, Long> byVerb = operatorCallsByVerb(cluster);
            long writesBefore = operatorWrites(cluster);
            Thread.sleep(Duration.ofSeconds(steadySeconds).toMillis());
            long steadyWrites = operatorWrites(cluster) - writesBefore;
            long heapMiB = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1048576;

            System.out.println();
            System.out.println("| metric | value |");
            System.out.println("|---|---|");
            row("three-node clusters", clusters);
            row("all Healthy after (s)", converged);
            row("Healthy", healthy);
            byVerb.forEach((verb, count) -> row("operator " + verb + " per cluster", (double) count / clusters));
            row("operator writes in " + steadySeconds + " s of steady state", steadyWrites);
            row("JVM heap used (MiB, operator and simulator together)", heapMiB);
            if (healthy < clusters) {
                System.exit(1);
            }
        }
    }

    private static Map<Verb, Long> operatorCallsByVerb(SimulatedCluster cluster) {
        Map<Verb, Long> counts = new EnumMap<>(Verb.class);
        for (ApiCall call : cluster.api().journal().calls()) {
            if (call.from(OperatorHarness.USER_AGENT)) {
                counts.merge(call.verb(), 1L, Long::sum);
            }
        }
        return counts;
    }

    private static long operatorWrites(SimulatedCluster cluster) {
        return cluster.api().journal().writeCalls().stream().filter(c -> c.from(OperatorHarness.USER_AGENT)).count();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void row(String name, Object value) {
        String text = value instanceof Double d ? String.format(Locale.ROOT, "%.2f", d) : String.valueOf(value);
        System.out.println("| " + name + " | " + text + " |");
    }
}
