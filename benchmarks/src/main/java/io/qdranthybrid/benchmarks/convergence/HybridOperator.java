package io.qdranthybrid.benchmarks.convergence;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.operator.QdrantOperator;
import io.qdranthybrid.reconcile.ReconcileMetrics;
import io.qdranthybrid.reconcile.ResourceKey;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/** Our operator ({@link QdrantOperator}) as the hybrid-operator app runs it, with the operator tests' timings. */
public final class HybridOperator implements OperatorUnderTest {

    public static final String USER_AGENT = "qdrant-hybrid-operator";

    private final int workers;
    private final Duration resyncPeriod;
    private final LongAdder reconciles = new LongAdder();
    private KubernetesClient client;
    private QdrantOperator operator;

    public HybridOperator(int workers, Duration resyncPeriod) {
        this.workers = workers;
        this.resyncPeriod = resyncPeriod;
    }

    @Override
    public String name() {
        return "qdrant-hybrid";
    }

    @Override
    public String userAgent() {
        return USER_AGENT;
    }

    /**
     * The controller's workers and delay thread ({@code qdrantcluster-}), the Qdrant calls' exchanges
     * ({@code qdrant-call-}) and the Qdrant HTTP clients' callbacks.
     */
    @Override
    public java.util.List<String> threadNamePrefixes() {
        return java.util.List.of(QdrantOperator.CLUSTER_CONTROLLER + "-", "qdrant-call-", "qdrant-http-");
    }

    @Override
    public long reconciles() {
        return reconciles.sum();
    }

    @Override
    public void start(SimulatedCluster cluster, String namespace) {
        client = cluster.newClient(namespace, USER_AGENT);
        operator = QdrantOperator.builder(client, namespace)
                .qdrantEndpoints(cluster.operatorEndpoints())
                .workers(workers)
                .metrics(new ReconcileMetrics() {
                    @Override
                    public void reconcileStarted(String controller, ResourceKey key) {
                        if (controller.equals(QdrantOperator.CLUSTER_CONTROLLER)) {
                            reconciles.increment();
                        }
                    }
                })
                .resyncPeriod(resyncPeriod)
                .qdrantTimeout(Duration.ofSeconds(2))
                .build();
        operator.start();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
        while (!operator.isReady()) { // JOSDK's Operator.start() likewise returns once its informers synced
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the operator's caches did not sync within a minute");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the operator started", e);
            }
        }
    }

    @Override
    public void close() {
        if (operator != null) {
            operator.close();
            operator = null;
        }
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
