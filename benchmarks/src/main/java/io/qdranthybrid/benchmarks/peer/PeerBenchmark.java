package io.qdranthybrid.benchmarks.peer;

import io.qdranthybrid.benchmarks.BenchmarkArgs;
import io.qdranthybrid.benchmarks.Memory;
import io.qdranthybrid.benchmarks.convergence.FleetConvergence;
import io.qdranthybrid.benchmarks.convergence.HybridOperator;
import io.qdranthybrid.benchmarks.convergence.OperatorUnderTest;
import io.qdranthybrid.benchmarks.report.BenchmarkRun;
import io.qdranthybrid.benchmarks.report.ReportWriter;
import io.qdranthybrid.benchmarks.report.Target;
import io.qdranthybrid.harness.kube.Verb;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Benchmark 2, peer: the convergence workload reconciled by our operator and by a Java Operator SDK 5 operator that
 * reuses our desired-object functions ({@link JosdkQdrantClusterReconciler}), alternating in one JVM, each on a fresh
 * simulated cluster. Reports ours / JOSDK for the time to converge and for API requests (target ≤ 0.8 on both).
 *
 * <p>Options: {@code --sizes 10,100} {@code --rounds 1} {@code --workers 4} {@code --steady 30s} {@code --warmup 300}
 * (clusters per operator in an unreported first run; 0 skips it).
 */
public final class PeerBenchmark {

    public static final String NAME = "peer";
    static final double MAX_RATIO = 0.8;

    private PeerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkArgs options = BenchmarkArgs.parse(args);
        List<Integer> sizes = options.integers("sizes", List.of(10, 100));
        int rounds = options.integer("rounds", 1);
        int workers = options.integer("workers", 4);
        Duration steady = options.duration("steady", Duration.ofSeconds(30));
        Duration timeout = options.duration("timeout", Duration.ofMinutes(10));
        Duration resync = Duration.ofSeconds(30);

        BenchmarkRun run = new BenchmarkRun(NAME,
                "Peer: our operator against a JOSDK " + JosdkOperator.VERSION + " operator on the same workload",
                "mvn -B -q -pl benchmarks -am package -DskipTests && java -Xmx4g -jar benchmarks/target/benchmarks.jar "
                        + NAME + " --sizes " + String.join(",", sizes.stream().map(String::valueOf).toList())
                        + " --rounds " + rounds + " --steady " + steady.toSeconds() + "s");
        int warmup = options.integer("warmup", 300);
        if (warmup > 0) {
            // The first run in a JVM pays for class loading and JIT (ours took 8.7 s cold, 3.8 s warm at N=10).
            System.out.printf("peer: warming up both operators with %d clusters each (not reported)%n", warmup);
            FleetConvergence.run(() -> new HybridOperator(workers, resync), warmup, Duration.ZERO, timeout);
            FleetConvergence.run(() -> new JosdkOperator(workers, resync), warmup, Duration.ZERO, timeout);
        }
        for (int size : sizes) {
            List<FleetConvergence.Result> ours = new ArrayList<>();
            List<FleetConvergence.Result> peer = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                // Alternate who goes first, so neither always runs on a warmer JVM.
                boolean oursFirst = round % 2 == 0;
                Supplier<OperatorUnderTest> first = oursFirst ? () -> new HybridOperator(workers, resync)
                        : () -> new JosdkOperator(workers, resync);
                Supplier<OperatorUnderTest> second = oursFirst ? () -> new JosdkOperator(workers, resync)
                        : () -> new HybridOperator(workers, resync);
                for (Supplier<OperatorUnderTest> operator : List.of(first, second)) {
                    FleetConvergence.Result result = FleetConvergence.run(operator, size, steady, timeout);
                    System.out.printf("peer: %d clusters, %s: Healthy after %.1f s, %.1f requests per cluster%n",
                            size, result.operator(), result.secondsToHealthy(), result.requestsPerCluster());
                    (result.operator().startsWith("JOSDK") ? peer : ours).add(result);
                    System.gc();
                }
            }
            report(run, size, ours, peer, steady);
        }
        run.note("Both operators run in the same JVM as the simulated k3s, one after the other on a fresh simulated "
                + "cluster each, after an unreported warm-up run of each (JIT), alternating which goes first per round; the 2 cores are shared with other "
                + "engineers' builds, so times are noisy. Figures are means over the rounds.");
        run.note("The clock starts once an operator's caches have synced (JOSDK's Operator.start() returns then).");
        run.note("Both use " + workers + " reconcile threads, informer caches for what they own, a 2 s requeue while a "
                + "cluster is not Healthy and a 30 s resync. The JOSDK peer is a plain Reconciler (create, or update "
                + "when JOSDK's GenericKubernetesResourceMatcher finds a difference; status patched when the phase "
                + "changes) because JOSDK's default server-side-apply dependents decide matches from managedFields, "
                + "which the simulated API server does not keep (it emulates apply as a strategic merge), so they would "
                + "re-apply on every reconcile there.");
        run.note("What the peer does not do that ours does (so it has less work): Events on phase transitions, the "
                + "full status (conditions, per-node status, available nodes), PVC watching, QdrantRelease lookups for "
                + "upgrade paths, shard placement reads. Its Qdrant check asks node 0 only once all pods are ready.");
        run.finish();
        System.out.println("written " + ReportWriter.inDefaultDirectory().write(run));
    }

    static void report(BenchmarkRun run, int size, List<FleetConvergence.Result> ours, List<FleetConvergence.Result> peer,
                       Duration steady) {
        String n = "N=" + size + ": ";
        for (List<FleetConvergence.Result> results : List.of(ours, peer)) {
            String who = n + results.get(0).operator() + " ";
            run.figure(who + "all Healthy after", mean(results, FleetConvergence.Result::secondsToHealthy), "s");
            run.figure(who + "requests per cluster", mean(results, FleetConvergence.Result::requestsPerCluster), "");
            for (Verb verb : Verb.values()) {
                double perCluster = mean(results, r -> r.perCluster(verb));
                if (perCluster > 0) {
                    run.figure(who + verb + " per cluster", perCluster, "");
                }
            }
            run.figure(who + "writes in " + steady.toSeconds() + " s of steady state",
                    mean(results, r -> (double) r.steadyWrites()), "");
            run.figure(who + "heap after GC", mean(results, r -> Memory.mib(r.heapBytes())), "MiB");
        }
        double timeRatio = mean(ours, FleetConvergence.Result::secondsToHealthy)
                / mean(peer, FleetConvergence.Result::secondsToHealthy);
        double requestRatio = mean(ours, FleetConvergence.Result::requestsPerCluster)
                / mean(peer, FleetConvergence.Result::requestsPerCluster);
        run.figure(n + "time to converge, ours / JOSDK", timeRatio, "");
        run.figure(n + "API requests, ours / JOSDK", requestRatio, "");
        run.target(Target.atMost(n + "time to converge, ours / JOSDK", MAX_RATIO));
        run.target(Target.atMost(n + "API requests, ours / JOSDK", MAX_RATIO));
    }

    private static double mean(List<FleetConvergence.Result> results,
                               java.util.function.ToDoubleFunction<FleetConvergence.Result> figure) {
        return results.stream().mapToDouble(figure).average().orElse(Double.NaN);
    }
}
