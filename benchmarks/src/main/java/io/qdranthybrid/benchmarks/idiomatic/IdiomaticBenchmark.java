package io.qdranthybrid.benchmarks.idiomatic;

import io.qdranthybrid.benchmarks.compare.Comparison;
import io.qdranthybrid.benchmarks.compare.JosdkOperatorUnderTest;

import java.util.List;

/**
 * Benchmark 2b, idiomatic: our operator against what a Java user would write instead, a JOSDK 5 operator with managed
 * dependent resources ({@link IdiomaticQdrantClusterReconciler}). Goals (issue 19), at N = 10 / 100 / 500: ours ≤ 0.8 ×
 * its API requests and ≤ 1.0 × its time to all Healthy; ours 0 writes in steady state (the peer's steady writes are
 * reported: a finding about it, not a goal).
 */
public final class IdiomaticBenchmark {

    public static final String NAME = "idiomatic";
    static final double MAX_TIME_RATIO = 1.0;
    static final double MAX_REQUEST_RATIO = 0.8;

    private IdiomaticBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Comparison.run(new Comparison.Peer(NAME,
                "Idiomatic: our operator against a JOSDK " + JosdkOperatorUnderTest.VERSION
                        + " operator written as JOSDK's docs teach (managed SSA dependents, a status patch per reconcile)",
                IdiomaticOperator::create, MAX_TIME_RATIO, MAX_REQUEST_RATIO, List.of(
                "The idiomatic peer: a @Workflow of CRUDKubernetesDependentResources (ConfigMap, headless and client "
                        + "Services, PodDisruptionBudget, NetworkPolicy, StatefulSet), each with its own informer, "
                        + "server-side apply and JOSDK's default SSA matcher (managedFields), owner references for "
                        + "garbage collection; the reconciler patches the status (SSA) on every reconcile and re-queues "
                        + "every 2 s until Healthy; JOSDK's default retry and rate limiting. Its objects follow the "
                        + "Qdrant Helm chart (no per-node Services, no Ingress); none of our code is used.",
                "Its readiness probe has the same 5 s period as ours, so probe timing does not decide the comparison.",
                "Healthy means the same for both: every node ready and node 0 reporting one peer per node, a leader "
                        + "and no pending consensus operations.")), args);
    }
}
