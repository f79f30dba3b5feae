package io.qdranthybrid.benchmarks.compare;

import io.qdranthybrid.benchmarks.BenchmarkArgs;
import io.qdranthybrid.benchmarks.Memory;
import io.qdranthybrid.benchmarks.convergence.FleetConvergence;
import io.qdranthybrid.benchmarks.convergence.HybridOperator;
import io.qdranthybrid.benchmarks.convergence.OperatorUnderTest;
import io.qdranthybrid.benchmarks.report.BenchmarkRun;
import io.qdranthybrid.benchmarks.report.ReportWriter;
import io.qdranthybrid.benchmarks.report.Target;
import io.qdranthybrid.benchmarks.rounds.AlternatingRounds;
import io.qdranthybrid.benchmarks.rounds.Spread;
import io.qdranthybrid.benchmarks.rounds.SpreadFigures;
import io.qdranthybrid.harness.kube.Verb;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.ToDoubleFunction;

/**
 * Our operator against another on the convergence workload (N three-node QdrantClusters created at once, each run
 * on a fresh strict simulated cluster in this JVM), in strictly alternating rounds (ours, peer, ours, peer, …).
 * Every figure is the median over the rounds with its min and max; the ratios are medians of the per-round ratios
 * (round i of ours over round i of the peer, which ran right after it).
 *
 * <p>Options: {@code --sizes 10,100,500} {@code --rounds 3} {@code --workers 4} {@code --steady 30s}
 * {@code --warmup 300} (clusters per operator in an unreported first run; 0 skips it) {@code --timeout 10m}.
 */
public final class Comparison {

    /**
     * What the other operator is and what ours is held to against it.
     *
     * @param benchmark       the benchmark's name: its command and results file
     * @param title           one line for the results
     * @param peer            builds the peer for (workers, resync period)
     * @param maxTimeRatio    ours ÷ peer, time to all Healthy, at most
     * @param maxRequestRatio ours ÷ peer, API requests until all Healthy, at most
     * @param notes           how the peer works, for the reader of the results
     */
    public record Peer(String benchmark, String title, BiFunction<Integer, Duration, OperatorUnderTest> peer,
                       double maxTimeRatio, double maxRequestRatio, List<String> notes) {
    }

    private Comparison() {
    }

    public static void run(Peer peer, String[] args) throws Exception {
        BenchmarkArgs options = BenchmarkArgs.parse(args);
        List<Integer> sizes = options.integers("sizes", List.of(10, 100, 500));
        int rounds = options.integer("rounds", AlternatingRounds.MINIMUM_FOR_A_RESULT);
        int workers = options.integer("workers", 4);
        Duration steady = options.duration("steady", Duration.ofSeconds(30));
        Duration timeout = options.duration("timeout", Duration.ofMinutes(10));
        int warmup = options.integer("warmup", 300);
        Duration resync = Duration.ofSeconds(30);

        BenchmarkRun run = new BenchmarkRun(peer.benchmark(), peer.title(),
                "mvn -B -q -pl benchmarks -am package -DskipTests && java -Xmx6g -jar benchmarks/target/benchmarks.jar "
                        + peer.benchmark() + " --sizes " + String.join(",", sizes.stream().map(String::valueOf).toList())
                        + " --rounds " + rounds + " --steady " + steady.toSeconds() + "s --warmup " + warmup);
        if (warmup > 0) {
            // The first run in a JVM pays for class loading and JIT (ours took 8.7 s cold, 3.8 s warm at N = 10).
            System.out.printf("%s: warming up both operators with %d clusters each (not reported)%n", peer.benchmark(), warmup);
            FleetConvergence.run(() -> new HybridOperator(workers, resync), warmup, Duration.ZERO, timeout);
            FleetConvergence.run(() -> peer.peer().apply(workers, resync), warmup, Duration.ZERO, timeout);
        }
        for (int size : sizes) {
            List<AlternatingRounds.Measurement<FleetConvergence.Result>> contenders = List.of(
                    round -> measure(peer.benchmark(), () -> new HybridOperator(workers, resync), size, round, steady, timeout),
                    round -> measure(peer.benchmark(), () -> peer.peer().apply(workers, resync), size, round, steady, timeout));
            List<List<FleetConvergence.Result>> results = AlternatingRounds.run(rounds, contenders, System::gc);
            report(run, peer, size, results.get(0), results.get(1), steady);
        }
        if (rounds < AlternatingRounds.MINIMUM_FOR_A_RESULT) {
            run.note("SMOKE RUN: " + rounds + " round(s), fewer than " + AlternatingRounds.MINIMUM_FOR_A_RESULT
                    + "; these figures show that the benchmark works, not how the operators compare.");
        }
        run.note("Both operators run in the same JVM as the strict simulated k3s, each round on a fresh simulated "
                + "cluster, in strict alternation (ours, peer, ours, peer, …) after an unreported warm-up run of each. "
                + "Each figure is the median over " + rounds + " round(s), with its min and max; a ratio is the median "
                + "of the per-round ratios. The clock starts once an operator's caches have synced.");
        run.note("Both use " + workers + " reconcile threads and a " + resync.toSeconds() + " s resync.");
        peer.notes().forEach(run::note);
        run.finish();
        System.out.println("written " + ReportWriter.inDefaultDirectory().write(run));
    }

    private static FleetConvergence.Result measure(String benchmark, java.util.function.Supplier<OperatorUnderTest> operator,
                                                   int size, int round, Duration steady, Duration timeout) throws Exception {
        FleetConvergence.Result result = FleetConvergence.run(operator, size, steady, timeout);
        System.out.printf("%s: round %d, %d clusters, %s: Healthy after %.1f s, %.1f requests per cluster, %d writes "
                        + "in steady state%n", benchmark, round + 1, size, result.operator(), result.secondsToHealthy(),
                result.requestsPerCluster(), result.steadyWrites());
        return result;
    }

    static void report(BenchmarkRun run, Peer peer, int size, List<FleetConvergence.Result> ours,
                       List<FleetConvergence.Result> theirs, Duration steady) {
        String n = "N=" + size + ": ";
        for (List<FleetConvergence.Result> results : List.of(ours, theirs)) {
            String who = n + results.get(0).operator() + " ";
            SpreadFigures.report(run, who + "all Healthy after", spread(results, FleetConvergence.Result::secondsToHealthy), "s");
            SpreadFigures.report(run, who + "requests per cluster", spread(results, FleetConvergence.Result::requestsPerCluster), "");
            for (Verb verb : Verb.values()) {
                Spread perCluster = spread(results, r -> r.perCluster(verb));
                if (perCluster.max() > 0) {
                    run.figure(who + verb + " per cluster", perCluster.median(), "");
                }
            }
            // Which objects the writes went to: a peer re-writing one kind on every reconcile shows here.
            results.get(0).requests().byResource().keySet().forEach(resource -> {
                Spread writes = spread(results, r -> r.requests().byResource().getOrDefault(resource, java.util.Map.of())
                        .entrySet().stream().filter(e -> e.getKey().isWrite()).mapToLong(e -> e.getValue()).sum()
                        / (double) r.clusters());
                if (writes.max() > 0) {
                    run.figure(who + "writes to " + resource + " per cluster", writes.median(), "");
                }
            });
            // Which objects were listed: beyond one LIST per informer, a LIST is a read the caches could have served.
            results.get(0).requests().byResource().keySet().forEach(resource -> {
                Spread lists = spread(results, r -> r.requests().byResource().getOrDefault(resource, java.util.Map.of())
                        .getOrDefault(Verb.LIST, 0L) / (double) r.clusters());
                if (lists.max() > 0) {
                    run.figure(who + "LIST of " + resource + " per cluster", lists.median(), "");
                }
            });
            // The worst round: one write in steady state in any round is a finding.
            run.figure(who + "writes in " + steady.toSeconds() + " s of steady state (most in a round)",
                    spread(results, r -> (double) r.steadyWrites()).max(), "");
            run.figure(who + "heap after GC", spread(results, r -> Memory.mib(r.heapBytes())).median(), "MiB");
        }
        List<Double> timeRatios = new ArrayList<>();
        List<Double> requestRatios = new ArrayList<>();
        for (int i = 0; i < ours.size(); i++) {
            timeRatios.add(ours.get(i).secondsToHealthy() / theirs.get(i).secondsToHealthy());
            requestRatios.add(ours.get(i).requestsPerCluster() / theirs.get(i).requestsPerCluster());
        }
        String timeRatio = n + "time to all Healthy, ours / " + peer.benchmark();
        String requestRatio = n + "API requests, ours / " + peer.benchmark();
        SpreadFigures.report(run, timeRatio, Spread.of(timeRatios), "");
        SpreadFigures.report(run, requestRatio, Spread.of(requestRatios), "");
        run.target(Target.atMost(timeRatio, peer.maxTimeRatio()));
        run.target(Target.atMost(requestRatio, peer.maxRequestRatio()));
        run.target(Target.exactly(n + ours.get(0).operator() + " writes in " + steady.toSeconds()
                + " s of steady state (most in a round)", 0));
    }

    private static Spread spread(List<FleetConvergence.Result> results, ToDoubleFunction<FleetConvergence.Result> figure) {
        return Spread.of(results.stream().mapToDouble(figure).toArray());
    }
}
