package io.qdranthybrid.operator.backup;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterSnapshot;
import io.qdranthybrid.crd.QdrantClusterSnapshotSpec;
import io.qdranthybrid.crd.StorageClassNames;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.operator.OperatorHarness;
import io.qdranthybrid.operator.ReconcileCounts;
import io.qdranthybrid.harness.qdrant.CollectionPlacement;
import io.qdranthybrid.harness.qdrant.ShardPlacement;
import io.qdranthybrid.operator.QdrantOperator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the SDK's operator, backups included, against a simulated cluster (after the operator tests' OperatorHarness),
 * with a clock the test can move forward to reach retention deadlines.
 */
final class BackupHarness implements AutoCloseable {

    static final ResourceDefinitionContext VOLUME_SNAPSHOTS = new ResourceDefinitionContext.Builder()
            .withGroup("snapshot.storage.k8s.io").withVersion("v1").withKind("VolumeSnapshot")
            .withPlural("volumesnapshots").withNamespaced(true).build();

    final SimulatedCluster cluster;
    final String namespace;
    final ShiftedClock clock;
    /** The operator scenarios' harness: endpoints, cluster creation and waiting come from there. */
    private final OperatorHarness clusters;
    /** Reconciles the operator finished, to tell resyncs happened without waiting for a second to pass. */
    final ReconcileCounts reconciles = new ReconcileCounts();
    QdrantOperator operator;

    private BackupHarness(SimulatedCluster cluster, String namespace, Clock base) {
        this.cluster = cluster;
        this.clock = new ShiftedClock(base);
        this.namespace = namespace;
        this.clusters = new OperatorHarness(cluster, namespace);
    }

    /** A new simulated cluster with a fresh namespace and the operator running in it; {@link #close()} stops all. */
    static BackupHarness startWithOperator(String namespacePrefix) {
        return startWithOperator(namespacePrefix, Clock.systemUTC());
    }

    /**
     * Like {@link #startWithOperator(String)} with the operator's time given by {@code base} plus what the test
     * advances: a fixed base stops time for the operator, so schedules move only when the test moves them.
     */
    static BackupHarness startWithOperator(String namespacePrefix, Clock base) {
        SimulatedCluster cluster = SimulatedCluster.start();
        try {
            BackupHarness harness = new BackupHarness(cluster, cluster.createNamespace(namespacePrefix), base);
            harness.startOperator();
            return harness;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** Stops harness in an {@code @AfterAll}, tolerating a setup that failed before it existed. */
    static void closeQuietly(BackupHarness harness) {
        if (harness != null) {
            harness.close();
        }
    }

    /** A base clock (the system's, or a fixed one) plus an offset the test raises to jump to a deadline. */
    static final class ShiftedClock extends Clock {
        private final Clock base;
        private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

        ShiftedClock(Clock base) {
            this.base = base;
        }

        void advance(Duration by) {
            offset.updateAndGet(current -> current.plus(by));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return base.instant().plus(offset.get());
        }
    }

    /**
     * Starts the operator. The resync of one second stands in for time passing: the test moves the clock, not
     * real time, so the timers set for retention deadlines would otherwise not fire within the test.
     */
    QdrantOperator startOperator() {
        operator = QdrantOperator.builder(clusters.operatorClient(), namespace)
                .qdrantEndpoints(clusters.endpoints())
                .resyncPeriod(Duration.ofSeconds(1))
                .qdrantTimeout(Duration.ofSeconds(2))
                .clock(clock)
                .metrics(reconciles)
                .backups(BackupSettings.defaults().withProgressInterval(Duration.ofMillis(200))
                        .withClusterRecheck(Duration.ofMillis(500)))
                .build();
        operator.start();
        return operator;
    }

    void stopOperator() {
        if (operator != null) {
            operator.close();
            operator = null;
        }
    }

    /** A cluster whose database volumes are on the snapshot-capable CSI class, as backups need. */
    QdrantCluster createCluster(String id, int size) {
        return createCluster(id, size, spec -> { });
    }

    /** As {@link #createCluster(String, int)}, after {@code customize} adjusts the spec. */
    QdrantCluster createCluster(String id, int size, java.util.function.Consumer<io.qdranthybrid.crd.QdrantClusterSpec> customize) {
        return clusters.create(id, size, "v1.12.3", spec -> {
            StorageClassNames classes = new StorageClassNames();
            classes.setDb("sim-csi");
            spec.setStorageClassNames(classes);
            customize.accept(spec);
        });
    }

    QdrantCluster getCluster(String id) {
        return clusters.get(id);
    }

    void awaitHealthy(String id) {
        clusters.awaitPhase(id, ClusterPhase.HEALTHY, Duration.ofSeconds(60));
    }

    QdrantClusterSnapshot createSnapshot(String name, String clusterId, String retention) {
        QdrantClusterSnapshot snapshot = new QdrantClusterSnapshot();
        snapshot.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace)
                .withLabels(Map.of("cluster-id", clusterId)).build());
        QdrantClusterSnapshotSpec spec = new QdrantClusterSnapshotSpec();
        spec.setClusterId(clusterId);
        spec.setRetention(retention);
        snapshot.setSpec(spec);
        return cluster.client().resource(snapshot).create();
    }

    QdrantClusterSnapshot getSnapshot(String name) {
        return cluster.client().resources(QdrantClusterSnapshot.class).inNamespace(namespace).withName(name).get();
    }

    /** The snapshot's phase; null while it has no status or when it is gone. */
    io.qdranthybrid.crd.SnapshotPhase snapshotPhase(String name) {
        QdrantClusterSnapshot snapshot = getSnapshot(name);
        return snapshot == null || snapshot.getStatus() == null ? null : snapshot.getStatus().getPhase();
    }

    List<GenericKubernetesResource> volumeSnapshots() {
        return cluster.client().genericKubernetesResources(VOLUME_SNAPSHOTS).inNamespace(namespace).list().getItems();
    }

    /** Points stored in a collection: each shard's points on its first replica (rf 1 in these tests). */
    long points(String clusterId, String collection) {
        CollectionPlacement placement = cluster.qdrant().cluster(namespace, clusterId).placement(collection);
        return placement.shards().stream()
                .mapToLong(shard -> shard.replicas().stream().mapToLong(ShardPlacement.ReplicaPlacement::points).max().orElse(0))
                .sum();
    }

    /** Successful writes to one resource (plural, e.g. {@code qdrantclustersnapshots}) in this namespace so far. */
    long writesTo(String plural) {
        return cluster.api().journal().writeCalls().stream()
                .filter(call -> call.succeeded() && plural.equals(call.resource()) && namespace.equals(call.namespace()))
                .count();
    }

    /**
     * Waits until the controller (e.g. {@code qdrantclustersnapshot}) reconciled the object twice more (one resync a
     * second), so once after this call: whatever it would do about the state so far, it has done.
     */
    void awaitResyncs(String controller, String name) {
        reconciles.awaitMore(controller, name, 2);
    }

    /** Asserts that across two resyncs of the object nothing writes to the resources: a no-op costs no write. */
    void assertNoWritesDuringResyncs(String controller, String name, String... plurals) {
        Map<String, Long> before = new java.util.LinkedHashMap<>();
        for (String plural : plurals) {
            before.put(plural, writesTo(plural));
            assertThat(before.get(plural)).as("writes to %s before the quiet period", plural).isPositive();
        }
        awaitResyncs(controller, name);
        for (String plural : plurals) {
            assertThat(writesTo(plural)).as("writes to %s during two resyncs", plural).isEqualTo(before.get(plural));
        }
    }

    @Override
    public void close() {
        try {
            stopOperator();
            clusters.close();
        } finally {
            cluster.close();
        }
    }
}
