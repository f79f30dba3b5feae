package io.qdranthybrid.benchmarks.idiomatic;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.qdranthybrid.benchmarks.convergence.OperatorUnderTest;
import io.qdranthybrid.benchmarks.floor.FloorOperator;
import io.qdranthybrid.harness.cluster.SimulatedCluster;

import java.time.Duration;

/** The idiomatic peer ({@link IdiomaticQdrantClusterReconciler}) run by a JOSDK {@link Operator} with its defaults. */
public final class IdiomaticOperator implements OperatorUnderTest {

    public static final String USER_AGENT = "idiomatic-josdk-operator";

    private final int workers;
    private final Duration resyncPeriod;
    private KubernetesClient client;
    private Operator operator;

    public IdiomaticOperator(int workers, Duration resyncPeriod) {
        this.workers = workers;
        this.resyncPeriod = resyncPeriod;
    }

    @Override
    public String name() {
        return "idiomatic JOSDK " + FloorOperator.VERSION;
    }

    @Override
    public String userAgent() {
        return USER_AGENT;
    }

    @Override
    public void start(SimulatedCluster cluster, String namespace) {
        client = cluster.newClient(namespace, USER_AGENT);
        // Only what any embedding sets: the client, the thread count, and not closing a client it was given.
        operator = new Operator(overrider -> overrider.withKubernetesClient(client)
                .withConcurrentReconciliationThreads(workers)
                .withCloseClientOnStop(false));
        operator.register(new IdiomaticQdrantClusterReconciler(cluster::qdrantEndpoint),
                config -> config.settingNamespace(namespace).withReconciliationMaxInterval(resyncPeriod));
        operator.start();
    }

    @Override
    public void close() {
        if (operator != null) {
            operator.stop();
            operator = null;
        }
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
