package io.qdranthybrid.benchmarks.floor;

import io.qdranthybrid.benchmarks.compare.Comparison;
import io.qdranthybrid.benchmarks.compare.JosdkOperatorUnderTest;

import java.util.List;

/**
 * Benchmark 2a, floor: our operator against the least any operator creating these objects can do
 * ({@link FloorQdrantClusterReconciler}: our desired objects, created once, the phase written). Goals (issue 19):
 * ours ≤ 1.1 × the floor's time to all Healthy and ≤ 1.15 × its API requests, at N = 10 / 100 / 500.
 */
public final class FloorBenchmark {

    public static final String NAME = "floor";
    static final double MAX_TIME_RATIO = 1.1;
    static final double MAX_REQUEST_RATIO = 1.15;

    private FloorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Comparison.run(new Comparison.Peer(NAME,
                "Floor: our operator against the minimal JOSDK " + JosdkOperatorUnderTest.VERSION
                        + " reconciler that creates the same objects and writes only the phase",
                FloorOperator::create, MAX_TIME_RATIO, MAX_REQUEST_RATIO, List.of(
                "The floor is a plain JOSDK Reconciler that computes our desired objects with our own pure "
                        + "functions, keeps one informer per owned kind plus one for pods, creates what its cache "
                        + "lacks (never updating: a compare-and-update against the server's defaulted objects made 33 "
                        + "updates per cluster, work above the floor), and patches the status phase when it changes, "
                        + "re-queueing every 2 s until Healthy.",
                "What the floor does not do that ours does (so it has less work): Events on phase transitions, the "
                        + "full status (conditions, per-node status, available nodes), PVC watching, QdrantRelease "
                        + "lookups for upgrade paths, shard placement reads. Its Qdrant check asks node 0 only once "
                        + "all pods are ready.")), args);
    }
}
