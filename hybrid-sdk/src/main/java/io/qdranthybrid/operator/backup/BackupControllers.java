package io.qdranthybrid.operator.backup;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.crd.QdrantClusterRestore;
import io.qdranthybrid.crd.QdrantClusterScheduledSnapshot;
import io.qdranthybrid.crd.QdrantClusterSnapshot;
import io.qdranthybrid.reconcile.Controller;
import io.qdranthybrid.reconcile.EventRecorder;
import io.qdranthybrid.reconcile.ReconcileMetrics;
import io.qdranthybrid.reconcile.SecondaryMapper;
import io.qdranthybrid.reconcile.StatusUpdater;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The operator's backup controllers for one namespace: QdrantClusterSnapshots, QdrantClusterScheduledSnapshots and
 * QdrantClusterRestores, each with one worker as the real operator's {@code maxConcurrentReconciles: 1}.
 */
public final class BackupControllers implements AutoCloseable {

    private final Controller<QdrantClusterSnapshot> snapshots;
    private final Controller<QdrantClusterScheduledSnapshot> schedules;
    private final Controller<QdrantClusterRestore> restores;

    /**
     * @param defaultDatabaseStorageClass class of restored database PVCs when the backed-up spec names none; null for
     *                                    the Kubernetes default class
     */
    public BackupControllers(KubernetesClient client, String namespace, BackupSettings settings, Clock clock,
                             Duration resyncPeriod, ReconcileMetrics metrics, String defaultDatabaseStorageClass) {
        StatusUpdater statusUpdater = new StatusUpdater(client);
        EventRecorder events = new EventRecorder(client, "qdrant-hybrid-operator", clock);
        this.snapshots = Controller.builder(client, QdrantClusterSnapshot.class,
                        new QdrantClusterSnapshotReconciler(client, statusUpdater, events, settings, clock))
                .name("qdrantclustersnapshot").namespaces(namespace).workers(1).resyncPeriod(resyncPeriod).metrics(metrics)
                .readsOwnStatusWrites(statusUpdater).build();
        ScheduledSnapshotReconciler scheduleReconciler =
                new ScheduledSnapshotReconciler(client, statusUpdater, events, settings, clock);
        this.schedules = Controller.builder(client, QdrantClusterScheduledSnapshot.class, scheduleReconciler)
                .name("qdrantclusterscheduledsnapshot").namespaces(namespace).workers(1).resyncPeriod(resyncPeriod)
                .metrics(metrics).readsOwnStatusWrites(statusUpdater)
                // A backup's progress changes what its schedule's status says about the last run.
                .watches(QdrantClusterSnapshot.class, SecondaryMapper.byLabel(BackupNames.SCHEDULE_LABEL, name -> name))
                .build();
        scheduleReconciler.useCachesOf(schedules);
        this.restores = Controller.builder(client, QdrantClusterRestore.class,
                        new QdrantClusterRestoreReconciler(client, statusUpdater, events, settings, defaultDatabaseStorageClass))
                .name("qdrantclusterrestore").namespaces(namespace).workers(1).resyncPeriod(resyncPeriod).metrics(metrics)
                .readsOwnStatusWrites(statusUpdater).build();
    }

    public List<Controller<?>> controllers() {
        return List.of(snapshots, schedules, restores);
    }

    /** Starts caches without reconciling, for a standby replica. */
    public void startInformers() {
        controllers().forEach(Controller::startInformers);
    }

    public void start() {
        controllers().forEach(Controller::start);
    }

    public void stop() {
        controllers().forEach(Controller::stop);
    }

    @Override
    public void close() {
        stop();
    }
}
