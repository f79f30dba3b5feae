package io.qdranthybrid.benchmarks.peer;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.qdranthybrid.benchmarks.convergence.OperatorUnderTest;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.operator.cluster.OperatorDefaults;

import java.time.Duration;

/** The JOSDK peer ({@link JosdkQdrantClusterReconciler}) run by a JOSDK {@link Operator} on its own client. */
public final class JosdkOperator implements OperatorUnderTest {

    public static final String USER_AGENT = "josdk-peer-operator";
    public static final String VERSION = Operator.class.getPackage().getImplementationVersion() == null
            ? "5.1.x" : Operator.class.getPackage().getImplementationVersion();

    private final int workers;
    private final Duration resyncPeriod;
    private KubernetesClient client;
    private Operator operator;

    public JosdkOperator(int workers, Duration resyncPeriod) {
        this.workers = workers;
        this.resyncPeriod = resyncPeriod;
    }

    @Override
    public String name() {
        return "JOSDK " + VERSION;
    }

    @Override
    public String userAgent() {
        return USER_AGENT;
    }

    @Override
    public void start(SimulatedCluster cluster, String namespace) {
        client = cluster.newClient(namespace, USER_AGENT);
        operator = new Operator(overrider -> overrider.withKubernetesClient(client)
                .checkingCRDAndValidateLocalModel(false)
                .withConcurrentReconciliationThreads(workers)
                .withCloseClientOnStop(false));
        operator.register(new JosdkQdrantClusterReconciler(OperatorDefaults.hybrid(), cluster.operatorEndpoints()),
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
