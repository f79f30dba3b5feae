package io.qdranthybrid.benchmarks.compare;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.qdranthybrid.benchmarks.convergence.OperatorUnderTest;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.harness.cluster.SimulatedCluster;

import java.time.Duration;
import java.util.function.Function;

/**
 * A JOSDK operator reconciling QdrantClusters in one namespace of a simulated cluster, on its own client, with
 * JOSDK's defaults except what any embedding sets: the client, the number of reconcile threads, the resync period,
 * and not closing a client it was given. {@link Operator#start()} returns once its informers have synced.
 */
public final class JosdkOperatorUnderTest implements OperatorUnderTest {

    /** The JOSDK version on the class path, from its Maven metadata (which the shaded jar keeps). */
    public static final String VERSION = josdkVersion();

    private final String name;
    private final String userAgent;
    private final Function<SimulatedCluster, Reconciler<QdrantCluster>> reconciler;
    private final int workers;
    private final Duration resyncPeriod;
    private KubernetesClient client;
    private Operator operator;

    /** @param reconciler builds the reconciler for the simulated cluster it runs against */
    public JosdkOperatorUnderTest(String name, String userAgent,
                                  Function<SimulatedCluster, Reconciler<QdrantCluster>> reconciler, int workers,
                                  Duration resyncPeriod) {
        this.name = name;
        this.userAgent = userAgent;
        this.reconciler = reconciler;
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
        return name;
    }

    @Override
    public String userAgent() {
        return userAgent;
    }

    @Override
    public void start(SimulatedCluster cluster, String namespace) {
        client = cluster.newClient(namespace, userAgent);
        operator = new Operator(overrider -> overrider.withKubernetesClient(client)
                .withConcurrentReconciliationThreads(workers)
                .withCloseClientOnStop(false));
        operator.register(reconciler.apply(cluster),
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
