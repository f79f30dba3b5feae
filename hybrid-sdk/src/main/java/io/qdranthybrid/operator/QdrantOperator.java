package io.qdranthybrid.operator;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.crd.QdrantApi;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.operator.backup.BackupControllers;
import io.qdranthybrid.operator.backup.BackupSettings;
import io.qdranthybrid.qdrant.QdrantHttpClients;
import io.qdranthybrid.operator.cluster.ClusterIdentityGate;
import io.qdranthybrid.operator.cluster.ClusterLifecycle;
import io.qdranthybrid.operator.cluster.OperatorDefaults;
import io.qdranthybrid.operator.cluster.PlanExecutor;
import io.qdranthybrid.operator.cluster.QdrantAccess;
import io.qdranthybrid.operator.cluster.QdrantClusterReconciler;
import io.qdranthybrid.operator.cluster.QdrantEndpoints;
import io.qdranthybrid.operator.cluster.StatusPacing;
import io.qdranthybrid.reconcile.Controller;
import io.qdranthybrid.reconcile.ControllerGroup;
import io.qdranthybrid.reconcile.EventRecorder;
import io.qdranthybrid.reconcile.LeaderElection;
import io.qdranthybrid.reconcile.ReconcileMetrics;
import io.qdranthybrid.reconcile.SecondaryMapper;
import io.qdranthybrid.reconcile.StatusUpdater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Qdrant operator for one namespace, ready to embed: a controller for QdrantClusters with caches of what
 * they own, optional leader election (standbys keep warm caches and take over), and readiness. The Micronaut
 * app, the test harness and custom platforms all run this same class.
 */
public final class QdrantOperator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QdrantOperator.class);
    /** The QdrantCluster controller's name: its metrics, logs and worker threads carry it. */
    public static final String CLUSTER_CONTROLLER = "qdrantcluster";

    private final Controller<QdrantCluster> clusters;
    private final ControllerGroup group;
    private final String namespace;

    private QdrantOperator(Builder builder) {
        this.namespace = builder.namespace;
        KubernetesClient client = builder.client;
        KubernetesClusterReads reads = new KubernetesClusterReads(client);
        QdrantAccess qdrant = new QdrantAccess(reads, builder.endpoints,
                QdrantHttpClients.create(QdrantHttpClients.DEFAULT_CLIENTS, builder.qdrantTimeout), builder.qdrantTimeout);
        StatusUpdater statusUpdater = new StatusUpdater(client);
        EventRecorder events = new EventRecorder(client, "qdrant-hybrid-operator", builder.clock);
        ClusterIdentityGate reconciler = new ClusterIdentityGate(new QdrantClusterReconciler(reads, qdrant,
                new ClusterLifecycle(builder.defaults, builder.clock, builder.maxConcurrentTransfers),
                new PlanExecutor(client, reads), statusUpdater, events,
                new StatusPacing(builder.statusPacing, builder.clock)), reads, statusUpdater, events, builder.clock);
        SecondaryMapper<Pod> podToCluster = SecondaryMapper.byLabel(QdrantApi.Labels.CLUSTER_ID, id -> "qdrant-" + id);
        SecondaryMapper<PersistentVolumeClaim> claimToCluster =
                SecondaryMapper.byLabel(QdrantApi.Labels.CLUSTER_ID, id -> "qdrant-" + id);
        this.clusters = Controller.builder(client, QdrantCluster.class, reconciler)
                .name(CLUSTER_CONTROLLER)
                .namespaces(namespace)
                .workers(builder.workers)
                .resyncPeriod(builder.resyncPeriod)
                .metrics(builder.metrics)
                // The reconciler derives status from the world and re-queues while busy: its own status writes
                // (one per node state change while clusters start) need no reconcile of their own.
                .ignoreStatusOnlyChanges()
                .readsOwnStatusWrites(statusUpdater)
                .indexByLabel(QdrantApi.Labels.CLUSTER_ID)
                .owns(StatefulSet.class)
                .owns(Service.class)
                .owns(ConfigMap.class)
                .owns(PodDisruptionBudget.class)
                .owns(NetworkPolicy.class)
                .owns(Ingress.class)
                .watches(Pod.class, podToCluster)
                // Nothing here reads a pod's spec (names, labels, annotations and status say all it needs), and
                // the spec is most of a cached pod: 3 per cluster. Pods are deleted by name, never written back.
                .trimCached(Pod.class, pod -> pod.setSpec(null))
                .watches(PersistentVolumeClaim.class, claimToCluster)
                .build();
        reads.useCachesOf(clusters);
        BackupControllers backups = builder.backups == null ? null : new BackupControllers(client, namespace, builder.backups,
                builder.clock, builder.resyncPeriod, builder.metrics, builder.defaults.databaseStorageClass());
        List<Controller<?>> all = new ArrayList<>(List.of(clusters));
        if (backups != null) {
            all.addAll(backups.controllers());
        }
        String description = "Qdrant clusters in namespace " + namespace;
        this.group = builder.leaseName == null ? ControllerGroup.always(description, all)
                : ControllerGroup.whileLeading(description, all,
                        LeaderElection.builder(client, namespace, builder.leaseName, builder.identity));
    }

    public static Builder builder(KubernetesClient client, String namespace) {
        return new Builder(client, namespace);
    }

    /** Starts the caches and, when leading (or without leader election), reconciling. */
    public void start() {
        LOG.info("Qdrant operator starting in namespace {}", namespace);
        group.start();
    }

    /** Asks for a reconcile of one QdrantCluster now, whatever the caches say (e.g. after an out-of-band change). */
    public void requestReconcile(String clusterName) {
        clusters.enqueue(new io.qdranthybrid.reconcile.ResourceKey(namespace, clusterName));
    }

    /** Ready when the caches are synced and this replica leads or stands by. */
    public boolean isReady() {
        return group.isReady();
    }

    /** Alive while it can still reconcile or take over; see {@link ControllerGroup#isAlive()}. */
    public boolean isAlive() {
        return group.isAlive();
    }

    public boolean isLeader() {
        return group.isLeader();
    }

    public String namespace() {
        return namespace;
    }

    /** Stops reconciling, lets running reconciles finish, and only then releases the lease. */
    @Override
    public void close() {
        group.close();
        LOG.info("Qdrant operator in namespace {} stopped", namespace);
    }

    public static final class Builder {
        private final KubernetesClient client;
        private final String namespace;
        private OperatorDefaults defaults = OperatorDefaults.hybrid();
        private QdrantEndpoints endpoints = QdrantEndpoints.clusterDns();
        private int workers = 4;
        private Duration resyncPeriod = Duration.ofMinutes(10);
        private Duration qdrantTimeout = Duration.ofSeconds(5);
        private int maxConcurrentTransfers = 2;
        private Duration statusPacing = Duration.ofSeconds(10);
        private ReconcileMetrics metrics = new ReconcileMetrics() { };
        private Clock clock = Clock.systemUTC();
        private String leaseName;
        private String identity;
        private BackupSettings backups = BackupSettings.defaults();

        private Builder(KubernetesClient client, String namespace) {
            this.client = Objects.requireNonNull(client, "client");
            this.namespace = Objects.requireNonNull(namespace, "namespace");
        }

        public Builder defaults(OperatorDefaults defaults) {
            this.defaults = defaults;
            return this;
        }

        /** How to reach nodes; the default is their DNS names, a test harness maps them to simulated nodes. */
        public Builder qdrantEndpoints(QdrantEndpoints endpoints) {
            this.endpoints = endpoints;
            return this;
        }

        public Builder workers(int workers) {
            this.workers = workers;
            return this;
        }

        public Builder resyncPeriod(Duration resyncPeriod) {
            this.resyncPeriod = resyncPeriod;
            return this;
        }

        public Builder qdrantTimeout(Duration timeout) {
            this.qdrantTimeout = timeout;
            return this;
        }

        public Builder maxConcurrentTransfers(int transfers) {
            this.maxConcurrentTransfers = transfers;
            return this;
        }

        /**
         * How long a status change that only mirrors the nodes (per-node status, node counts, AcceptingConnection)
         * may wait for the next status write; phase, reason and the other conditions are written at once. Zero
         * writes every change at once.
         */
        public Builder statusPacing(Duration interval) {
            this.statusPacing = interval;
            return this;
        }

        public Builder metrics(ReconcileMetrics metrics) {
            this.metrics = metrics;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Run only while holding this Lease; other replicas stand by with warm caches. */
        public Builder leaderElection(String leaseName, String identity) {
            this.leaseName = leaseName;
            this.identity = identity;
            return this;
        }

        /** Backup, schedule and restore settings, e.g. the default VolumeSnapshotClass; null turns backups off. */
        public Builder backups(BackupSettings backups) {
            this.backups = backups;
            return this;
        }

        /** The VolumeSnapshotClass for clusters that do not name one (default {@code csi-snapclass}). */
        public Builder volumeSnapshotClass(String className) {
            this.backups = (backups == null ? BackupSettings.defaults() : backups).withVolumeSnapshotClass(className);
            return this;
        }

        public QdrantOperator build() {
            return new QdrantOperator(this);
        }
    }
}
