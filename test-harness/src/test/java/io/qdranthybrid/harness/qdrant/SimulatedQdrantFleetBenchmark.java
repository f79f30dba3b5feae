package io.qdranthybrid.harness.qdrant;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.qdranthybrid.harness.runtime.RunningContainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a fleet of simulated Qdrant clusters in one JVM and prints how long it took, how long every
 * node needed to pass its readiness probe, threads and heap. Usage: {@code [clusters] [nodesPerCluster]},
 * default 500 x 3.
 */
public final class SimulatedQdrantFleetBenchmark {

    private SimulatedQdrantFleetBenchmark() {
    }

    public static void main(String[] args) {
        int clusters = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int nodesPerCluster = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int threadsBefore = Thread.activeCount();
        Probe readiness = new ProbeBuilder().withNewHttpGet().withPath("/readyz").withPort(new IntOrString(6333)).endHttpGet().build();
        try (SimulatedQdrant qdrant = new SimulatedQdrant()) {
            long start = System.nanoTime();
            List<RunningContainer> nodes = new ArrayList<>();
            for (int c = 0; c < clusters; c++) {
                for (int n = 0; n < nodesPerCluster; n++) {
                    nodes.add(qdrant.start(QdrantPods.launch("bench-" + c, n, "pv-bench-" + c + "-" + n, Map.of(), Map.of())));
                }
            }
            long started = System.nanoTime();
            int probes = 0;
            for (RunningContainer node : nodes) {
                while (!node.probe(readiness)) {
                    probes++;
                    Thread.onSpinWait();
                }
                probes++;
            }
            long ready = System.nanoTime();
            for (int c = 0; c < clusters; c++) {
                qdrant.cluster(QdrantPods.NAMESPACE, "bench-" + c).seedCollection("docs", 3, 2, 1_000);
            }
            long seeded = System.nanoTime();
            for (RunningContainer node : nodes) {
                node.probe(readiness);
            }
            long probed = System.nanoTime();
            Runtime runtime = Runtime.getRuntime();
            System.gc();
            System.out.printf("nodes:                 %d (%d clusters x %d)%n", nodes.size(), clusters, nodesPerCluster);
            System.out.printf("start all containers:  %d ms%n", (started - start) / 1_000_000);
            System.out.printf("all ready (probed):    %d ms after start, %d readiness probes%n", (ready - start) / 1_000_000, probes);
            System.out.printf("seed %d collections:  %d ms%n", clusters, (seeded - ready) / 1_000_000);
            System.out.printf("one probe per node:    %d ms total, %.2f ms/probe%n", (probed - seeded) / 1_000_000,
                    (probed - seeded) / 1e6 / nodes.size());
            System.out.printf("threads:               %d (+%d; the JDK HttpServer keeps 2 per server)%n",
                    Thread.activeCount(), Thread.activeCount() - threadsBefore);
            System.out.printf("heap used:             %d MiB%n", (runtime.totalMemory() - runtime.freeMemory()) >> 20);
            long stopStart = System.nanoTime();
            nodes.forEach(RunningContainer::stop);
            System.out.printf("stop all:              %d ms%n", (System.nanoTime() - stopStart) / 1_000_000);
        }
    }
}
