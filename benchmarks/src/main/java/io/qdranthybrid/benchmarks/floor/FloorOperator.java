package io.qdranthybrid.benchmarks.floor;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.qdranthybrid.benchmarks.convergence.OperatorUnderTest;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.operator.cluster.OperatorDefaults;

import java.time.Duration;

/** The floor ({@link FloorQdrantClusterReconciler}) run by a JOSDK {@link Operator} on its own client. */
public final class FloorOperator implements OperatorUnderTest {

    public static final String USER_AGENT = "floor-operator";
    /** The JOSDK version on the class path, from its Maven metadata (which the shaded jar keeps). */
    public static final String VERSION = josdkVersion();

    private final int workers;
    private final Duration resyncPeriod;
    private KubernetesClient client;
    private Operator operator;

    public FloorOperator(int workers, Duration resyncPeriod) {
        this.workers = workers;
        this.resyncPeriod = resyncPeriod;
    }

    private static String josdkVersion() {
        try (java.io.InputStream in = Operator.class.getResourceAsStream(
                "/META-INF/maven/io.javaoperatorsdk/operator-framework-core/pom.properties")) {
            java.util.Properties properties = new java.util.Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "5.1.x");
        } catch (java.io.IOException unreadable) {
            return "5.1.x";
        }
    }

    @Override
    public String name() {
        return "floor";
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
        operator.register(new FloorQdrantClusterReconciler(OperatorDefaults.hybrid(), cluster.operatorEndpoints()),
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
