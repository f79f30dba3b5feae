package io.qdranthybrid.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterSpec;
import io.qdranthybrid.harness.cluster.QdrantClusterManifests;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.operator.cluster.QdrantEndpoints;

import java.time.Duration;

/**
 * Runs the SDK's operator against a simulated cluster, reaching the simulated Qdrant nodes directly. Public so that
 * scenario packages (backups) share its cluster helpers instead of copying them.
 */
public final class OperatorHarness implements AutoCloseable {

    /** How the operator's client identifies itself, so the request journal can count its calls alone. */
    static final String USER_AGENT = "qdrant-hybrid-operator";

    final SimulatedCluster cluster;
    final String namespace;
    private KubernetesClient operatorClient;
    QdrantOperator operator;

    public OperatorHarness(SimulatedCluster cluster, String namespace) {
        this.cluster = cluster;
        this.namespace = namespace;
        this.operatorClient = cluster.newClient(namespace, USER_AGENT);
    }

    /** Pods are reached where the simulated nodes listen; an absent pod maps to a port nothing listens on. */
    public QdrantEndpoints endpoints() {
        return io.qdranthybrid.harness.cluster.SimulatedQdrantEndpoints.of(cluster);
    }

    QdrantOperator startOperator() {
        return startOperator(new io.qdranthybrid.reconcile.ReconcileMetrics() { });
    }

    QdrantOperator startOperator(io.qdranthybrid.reconcile.ReconcileMetrics metrics) {
        return startOperator(metrics, io.qdranthybrid.operator.cluster.OperatorDefaults.hybrid());
    }

    QdrantOperator startOperator(io.qdranthybrid.reconcile.ReconcileMetrics metrics,
                                 io.qdranthybrid.operator.cluster.OperatorDefaults defaults) {
        return startOperator(metrics, defaults, java.time.Clock.systemUTC());
    }

    QdrantOperator startOperator(io.qdranthybrid.reconcile.ReconcileMetrics metrics,
                                 io.qdranthybrid.operator.cluster.OperatorDefaults defaults, java.time.Clock clock) {
        operator = QdrantOperator.builder(operatorClient, namespace)
                .defaults(defaults)
                .clock(clock)
                .qdrantEndpoints(endpoints())
                .resyncPeriod(Duration.ofSeconds(30))
                .qdrantTimeout(Duration.ofSeconds(2))
                .metrics(metrics)
                .build();
        operator.start();
        return operator;
    }

    /** A simulated cluster whose kubelet probes ten times faster than the pod specs say, to keep tests short. */
    static SimulatedCluster fastCluster() {
        return SimulatedCluster.start(SimulatedCluster.Settings.defaults().withKubelet(
                io.qdranthybrid.harness.kube.controllers.kubelet.KubeletSettings.defaults().withProbeTimeScale(0.1)));
    }

    void edit(String id, java.util.function.Consumer<QdrantCluster> change) {
        cluster.client().resources(QdrantCluster.class).inNamespace(namespace).withName("qdrant-" + id)
                .edit(qc -> {
                    change.accept(qc);
                    return qc;
                });
    }

    public void awaitPhase(String id, io.qdranthybrid.crd.ClusterPhase phase, Duration timeout) {
        org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            QdrantCluster qc = get(id);
            org.assertj.core.api.Assertions.assertThat(qc.getStatus()).isNotNull();
            org.assertj.core.api.Assertions.assertThat(qc.getStatus().getPhase())
                    .as("phase of %s (reason: %s)", id, qc.getStatus().getReason()).isEqualTo(phase);
            org.assertj.core.api.Assertions.assertThat(qc.getStatus().getObservedGeneration())
                    .isEqualTo(qc.getMetadata().getGeneration());
        });
    }

    java.util.List<io.fabric8.kubernetes.api.model.Pod> pods(String id) {
        return cluster.client().pods().inNamespace(namespace).withLabel("cluster-id", id).list().getItems();
    }

    /**
     * From now on the operator authenticates as the ServiceAccount deploy/ installs, with exactly the shipped Role
     * (installed into this namespace here); call before {@link #startOperator}.
     */
    void runAsShippedServiceAccount() {
        io.qdranthybrid.harness.deploy.DeployRbac.OPERATOR.install(cluster.client(), namespace);
        operatorClient.close();
        operatorClient = cluster.newClientAs(namespace, io.qdranthybrid.harness.deploy.DeployRbac.OPERATOR.serviceAccount(),
                USER_AGENT);
    }

    void stopOperator() {
        if (operator != null) {
            operator.close();
            operator = null;
        }
    }

    /**
     * Kills the operator as SIGKILL would: its connection goes first, so a reconcile half-way through loses its
     * remaining requests and nothing is finished or released in an orderly way. The next operator gets a new
     * connection, as a new pod would.
     */
    void killOperator() {
        operatorClient.close();
        if (operator != null) {
            operator.close();
            operator = null;
        }
        operatorClient = cluster.newClient(namespace, USER_AGENT);
    }

    QdrantCluster create(String id, int size, String version) {
        return create(id, size, version, spec -> { });
    }

    /** Creates a cluster with the tests' standard labels and resources, after {@code customize} adjusts its spec. */
    public QdrantCluster create(String id, int size, String version,
                                java.util.function.Consumer<QdrantClusterSpec> customize) {
        return cluster.client().resource(QdrantClusterManifests.standard(namespace, id, size, version, customize))
                .inNamespace(namespace).create();
    }

    public QdrantCluster get(String id) {
        return cluster.client().resources(QdrantCluster.class).inNamespace(namespace).withName("qdrant-" + id).get();
    }

    /** The client the operator runs with; it names itself {@link #USER_AGENT}. */
    public KubernetesClient operatorClient() {
        return operatorClient;
    }

    @Override
    public void close() {
        stopOperator();
        operatorClient.close();
    }
}
