package io.qdranthybrid.operator.backup;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.qdranthybrid.crd.QdrantApi;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterScheduledSnapshot;
import io.qdranthybrid.crd.QdrantClusterScheduledSnapshotSpec;
import io.qdranthybrid.crd.QdrantClusterScheduledSnapshotStatus;
import io.qdranthybrid.crd.QdrantClusterSnapshot;
import io.qdranthybrid.crd.QdrantClusterSnapshotSpec;
import io.qdranthybrid.crd.ScheduledSnapshotPhase;
import io.qdranthybrid.reconcile.Controller;
import io.qdranthybrid.reconcile.EventRecorder;
import io.qdranthybrid.reconcile.ReconcileResult;
import io.qdranthybrid.reconcile.Reconciler;
import io.qdranthybrid.reconcile.StatusUpdater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Runs a backup schedule: at each due slot creates one QdrantClusterSnapshot named after the schedule and the slot
 * (so a restarted operator finds it instead of making a second), carrying the schedule's short id and retention;
 * status.scheduled announces the next run and the reconcile wakes exactly then; status.message tells whether runs
 * are skipped now and why, the next run, how the last run went and how many were skipped in a row (see
 * {@link ScheduleReport}), kept current by watching the schedule's backups.
 *
 * <p>The snapshots are not owned by the schedule: deleting a schedule keeps the backups it took, and each expires
 * by its own retention. Backups are the thing a user least wants to lose by tidying up a schedule.
 */
public final class ScheduledSnapshotReconciler implements Reconciler<QdrantClusterScheduledSnapshot> {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledSnapshotReconciler.class);

    private final KubernetesClient client;
    private final StatusUpdater statusUpdater;
    private final EventRecorder events;
    private final BackupSettings settings;
    private final Clock clock;
    private volatile Controller<?> caches;

    public ScheduledSnapshotReconciler(KubernetesClient client, StatusUpdater statusUpdater, EventRecorder events,
                                       BackupSettings settings, Clock clock) {
        this.client = client;
        this.statusUpdater = statusUpdater;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
    }

    /** Reads the schedule's backups from {@code controller}'s informer cache instead of listing them. */
    void useCachesOf(Controller<?> controller) {
        this.caches = controller;
    }

    @Override
    public ReconcileResult reconcile(QdrantClusterScheduledSnapshot schedule) {
        QdrantClusterScheduledSnapshotSpec spec = schedule.getSpec();
        String namespace = schedule.getMetadata().getNamespace();
        CronSchedule cron;
        try {
            cron = CronSchedule.parse(spec.getSchedule());
            SnapshotProgress.retentionPeriod(spec.getRetention());
        } catch (InvalidScheduleException | IllegalArgumentException e) {
            disable(schedule, e.getMessage());
            return ReconcileResult.done();
        }
        QdrantCluster cluster = spec.getClusterId() == null ? null : client.resources(QdrantCluster.class)
                .inNamespace(namespace).withName(BackupNames.clusterName(spec.getClusterId())).get();
        if (cluster == null) {
            disable(schedule, "cluster " + spec.getClusterId() + " not found in namespace " + namespace);
            return ReconcileResult.requeueAfter(settings.clusterRecheck());
        }
        Instant now = clock.instant();
        String announced = schedule.getStatus() == null || schedule.getStatus().getPhase() != ScheduledSnapshotPhase.ACTIVE
                ? null : schedule.getStatus().getScheduled();
        ScheduleDecision decision = ScheduleDecision.decide(cron, announced, now);
        decision.runSlot().ifPresent(slot -> createSnapshot(schedule, slot));
        String scheduled = decision.scheduled().toString();
        String report = ScheduleReport.describe(runsOf(schedule), decision.scheduled(),
                BackupEligibility.skipReason(cluster));
        statusUpdater.updateStatus(schedule, s -> {
            QdrantClusterScheduledSnapshotStatus status = statusOf(s);
            status.setPhase(ScheduledSnapshotPhase.ACTIVE);
            status.setScheduled(scheduled);
            status.setMessage(report);
        });
        Duration wait = Duration.between(clock.instant(), decision.scheduled());
        return ReconcileResult.requeueAfter(wait.isNegative() ? Duration.ZERO : wait);
    }

    private void createSnapshot(QdrantClusterScheduledSnapshot schedule, Instant slot) {
        QdrantClusterScheduledSnapshotSpec spec = schedule.getSpec();
        String namespace = schedule.getMetadata().getNamespace();
        String name = BackupNames.scheduledSnapshot(schedule.getMetadata().getName(), slot);
        QdrantClusterSnapshot snapshot = new QdrantClusterSnapshot();
        snapshot.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace)
                .addToLabels(QdrantApi.Labels.CLUSTER_ID, spec.getClusterId())
                .addToLabels(BackupNames.SCHEDULE_LABEL, schedule.getMetadata().getName())
                .build());
        QdrantClusterSnapshotSpec snapshotSpec = new QdrantClusterSnapshotSpec();
        snapshotSpec.setClusterId(spec.getClusterId());
        snapshotSpec.setScheduleShortId(spec.getScheduleShortId());
        snapshotSpec.setRetention(spec.getRetention());
        snapshotSpec.setCreationTimestamp(slot.getEpochSecond());
        snapshot.setSpec(snapshotSpec);
        try {
            client.resource(snapshot).create();
            LOG.info("Schedule {}/{} took backup {} for the run at {}", namespace, schedule.getMetadata().getName(), name, slot);
            events.normal(schedule, "BackupScheduled", "Created QdrantClusterSnapshot " + name + " for the run at " + slot);
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            LOG.debug("Schedule {}/{}: backup {} for {} already exists", namespace, schedule.getMetadata().getName(), name, slot);
        }
    }

    private List<QdrantClusterSnapshot> runsOf(QdrantClusterScheduledSnapshot schedule) {
        String namespace = schedule.getMetadata().getNamespace();
        Map<String, String> selector = Map.of(BackupNames.SCHEDULE_LABEL, schedule.getMetadata().getName());
        Controller<?> cached = caches;
        if (cached != null && cached.caches(QdrantClusterSnapshot.class, namespace)) {
            return cached.cachedListView(QdrantClusterSnapshot.class, namespace, selector);
        }
        return client.resources(QdrantClusterSnapshot.class).inNamespace(namespace).withLabels(selector).list().getItems();
    }

    private void disable(QdrantClusterScheduledSnapshot schedule, String message) {
        boolean changed = schedule.getStatus() == null || schedule.getStatus().getPhase() != ScheduledSnapshotPhase.DISABLED
                || !message.equals(schedule.getStatus().getMessage());
        statusUpdater.updateStatus(schedule, s -> {
            QdrantClusterScheduledSnapshotStatus status = statusOf(s);
            status.setPhase(ScheduledSnapshotPhase.DISABLED);
            status.setScheduled(null);
            status.setMessage(message);
        });
        if (changed) {
            LOG.warn("Schedule {}/{} disabled: {}", schedule.getMetadata().getNamespace(), schedule.getMetadata().getName(), message);
            events.warning(schedule, "ScheduleDisabled", message);
        }
    }

    private static QdrantClusterScheduledSnapshotStatus statusOf(QdrantClusterScheduledSnapshot schedule) {
        if (schedule.getStatus() == null) {
            schedule.setStatus(new QdrantClusterScheduledSnapshotStatus());
        }
        return schedule.getStatus();
    }
}
