package io.qdranthybrid.benchmarks.endtoend;

import io.qdranthybrid.benchmarks.BenchmarkArgs;
import io.qdranthybrid.benchmarks.Percentiles;
import io.qdranthybrid.benchmarks.convergence.FleetConvergence;
import io.qdranthybrid.benchmarks.report.BenchmarkRun;
import io.qdranthybrid.benchmarks.report.ReportWriter;
import io.qdranthybrid.benchmarks.report.Target;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.harness.controlplane.ControlPlaneSettings;
import io.qdranthybrid.harness.controlplane.SimulatedControlPlane;
import io.qdranthybrid.harness.kube.controllers.kubelet.NodePool;
import io.qdranthybrid.harness.stack.HybridEnvironment;
import io.qdranthybrid.harness.stack.StackCluster;
import io.qdranthybrid.harness.timeline.Timeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Benchmark 3, end to end: what a user waits for. A request to the control plane's REST API travels over the agent's
 * WebSocket to the agent, becomes a QdrantCluster, is reconciled by the operator on the simulated cluster, and its
 * status comes back through the agent to the control plane. Measures, per request, the time until the control plane
 * reports the cluster Healthy for that request, beside the simulated cluster's own floor (pods ready and in consensus).
 *
 * <p>Scenarios: {@code --single} clusters created one at a time on an otherwise idle system, each then scaled 3 → 5
 * and restarted (rolling, 5 nodes), one at a time; then {@code --clusters} created at once. Goals (issue 19): p99 ≤
 * floor + 1 s one at a time, ≤ floor × 1.2 for the batch.
 *
 * <p>Options: {@code --single 5} {@code --clusters 100} {@code --timeout 5m}.
 */
public final class EndToEndBenchmark {

    public static final String NAME = "end-to-end";
    static final double MAX_SECONDS_OVER_FLOOR = 1.0;
    static final double MAX_BATCH_RATIO = 1.2;
    private static final int NODES = FleetConvergence.NODES_PER_CLUSTER;
    private static final int SCALED = 5;

    private EndToEndBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkArgs options = BenchmarkArgs.parse(args);
        int single = options.integer("single", 5);
        int batch = options.integer("clusters", 100);
        Duration timeout = options.duration("timeout", Duration.ofMinutes(5));
        BenchmarkRun run = new BenchmarkRun(NAME,
                "End to end: control-plane REST → agent → operator → simulated cluster → status in the control plane",
                "mvn -B -q -pl benchmarks -am package -DskipTests && java -Xmx4g -jar benchmarks/target/benchmarks.jar "
                        + NAME + " --single " + single + " --clusters " + batch);
        // Each node requests 500m CPU and a simulated Kubernetes node has 4 CPUs, as the scheduler enforces.
        int kubernetesNodes = Math.max(3, (batch * NODES + single * SCALED + 6) / 7);
        SimulatedCluster.Settings settings = SimulatedCluster.Settings.defaults()
                .withNodes(NodePool.defaults().withCount(kubernetesNodes));
        try (StackCluster stack = StackCluster.simulated(settings);
             SimulatedControlPlane controlPlane = SimulatedControlPlane.start(ControlPlaneSettings.defaults())) {
            SimulatedCluster simulated = stack.simulated().orElseThrow();
            String namespace = simulated.createNamespace("end-to-end");
            try (HybridEnvironment env = HybridEnvironment.create(controlPlane, stack, "benchmark", namespace,
                    stack.defaultSettings(), new Timeline(NAME))) {
                env.onboard();
                env.awaitReady(Duration.ofMinutes(2));
                ControlPlaneRest rest = new ControlPlaneRest(controlPlane.consoleUrl(), env.id());
                Stopwatches watches = new Stopwatches(controlPlane, simulated, env.id(), namespace);

                Samples create = new Samples();
                Samples scale = new Samples();
                Samples restart = new Samples();
                for (int i = 0; i < single; i++) {
                    String id = "one-" + i;
                    create.add(oneAtATime(watches, id, Set.of(), new Stopwatches.Expectation(NODES, false), timeout,
                            () -> rest.createCluster(id, NODES, FleetConvergence.VERSION)));
                    scale.add(oneAtATime(watches, id, watches.podUids(id), new Stopwatches.Expectation(SCALED, false),
                            timeout, () -> rest.scale(id, SCALED)));
                    // With data replicated, the operator restarts one node at a time; without, all at once (nothing
                    // would stay online anyway), which is not the rolling restart this measures.
                    env.qdrant(id).seedCollection("benchmark", SCALED, 2, 1_000);
                    restart.add(oneAtATime(watches, id, watches.podUids(id), new Stopwatches.Expectation(SCALED, true),
                            timeout, () -> rest.restart(id)));
                    System.out.printf("%s: cluster %d of %d created, scaled and restarted%n", NAME, i + 1, single);
                }
                Map<String, Long> sent = new LinkedHashMap<>();
                for (int i = 0; i < batch; i++) {
                    String id = "batch-" + i;
                    sent.put(id, System.nanoTime());
                    rest.createCluster(id, NODES, FleetConvergence.VERSION);
                }
                Stopwatches.Times times = watches.await(sent, Map.of(), new Stopwatches.Expectation(NODES, false), timeout);
                Samples together = new Samples();
                together.add(times);

                report(run, "one cluster created", create, true);
                report(run, "one cluster scaled 3 → 5", scale, true);
                report(run, "rolling restart of one 5-node cluster", restart, true);
                report(run, batch + " clusters created at once", together, false);
            }
        }
        run.note("Everything in this JVM: the simulated control plane (REST API, agent WebSocket endpoint), the agent, "
                + "the operator and the strict simulated k3s with simulated Qdrant nodes; the stack runs with the "
                + "settings the end-to-end tests use (StackSettings.fastOnSimulatedCluster), the control plane with "
                + "its defaults. Requests are HTTP calls to the REST API; done means the control plane's view shows "
                + "the cluster Healthy, with the expected ready nodes, for the latest revision (for a restart, after "
                + "it left Healthy or its pods were all replaced). Before the restart each cluster gets a collection of 5 "
                + "shards with replication factor 2, so the operator restarts one node at a time.");
        run.note("The floor is the simulated cluster's own: the expected pods ready (for a restart, all of them new) and "
                + "Qdrant consensus with one peer per node, a leader and nothing pending, polled every 50 ms.");
        run.note("One-at-a-time figures are over " + single + " clusters (p99 of few samples is their maximum).");
        run.finish();
        System.out.println("written " + ReportWriter.inDefaultDirectory().write(run));
    }

    private static Stopwatches.Times oneAtATime(Stopwatches watches, String id, Set<String> before,
                                                Stopwatches.Expectation expected, Duration timeout, Runnable request)
            throws InterruptedException {
        long sent = System.nanoTime();
        request.run();
        return watches.await(Map.of(id, sent), Map.of(id, before), expected, timeout);
    }

    private static void report(BenchmarkRun run, String scenario, Samples samples, boolean oneAtATime) {
        double[] floor = samples.floor();
        double[] controlPlane = samples.controlPlane();
        double floorP99 = Percentiles.of(floor, 99);
        double p99 = Percentiles.of(controlPlane, 99);
        run.figure(scenario + ": control plane reports Healthy, p50", Percentiles.of(controlPlane, 50), "s");
        run.figure(scenario + ": control plane reports Healthy, p99", p99, "s");
        run.figure(scenario + ": floor (pods ready, in consensus), p50", Percentiles.of(floor, 50), "s");
        run.figure(scenario + ": floor (pods ready, in consensus), p99", floorP99, "s");
        if (oneAtATime) {
            String over = scenario + ": p99 over the floor's p99";
            run.figure(over, p99 - floorP99, "s");
            run.target(Target.atMost(over, MAX_SECONDS_OVER_FLOOR));
        } else {
            String ratio = scenario + ": p99 ÷ the floor's p99";
            run.figure(ratio, p99 / floorP99, "");
            run.target(Target.atMost(ratio, MAX_BATCH_RATIO));
        }
    }

    /** Times of many requests, sorted for percentiles. */
    private static final class Samples {
        private final List<Double> floor = new ArrayList<>();
        private final List<Double> controlPlane = new ArrayList<>();

        void add(Stopwatches.Times times) {
            // A cluster the control plane showed done before the poll saw its floor counts the floor at that time.
            times.controlPlane().forEach((id, seconds) -> {
                controlPlane.add(seconds);
                floor.add(Math.min(seconds, times.floor().getOrDefault(id, seconds)));
            });
        }

        double[] floor() {
            return floor.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        }

        double[] controlPlane() {
            return controlPlane.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        }
    }
}
