package io.qdranthybrid.operator.backup;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.crd.QdrantApi;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterSnapshot;
import io.qdranthybrid.crd.QdrantClusterSnapshotStatus;
import io.qdranthybrid.crd.SnapshotPhase;
import io.qdranthybrid.crd.VolumeSnapshotInfo;
import io.qdranthybrid.reconcile.EventRecorder;
import io.qdranthybrid.reconcile.ReconcileResult;
import io.qdranthybrid.reconcile.Reconciler;
import io.qdranthybrid.reconcile.StatusUpdater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Takes a backup: one VolumeSnapshot of every database PVC of the cluster, owned by the QdrantClusterSnapshot (so
 * deleting it deletes them), then mirrors their progress into the status until all are ready (Succeeded) or one
 * fails (Failed), and deletes the QdrantClusterSnapshot when its retention ends. A missing or suspended cluster
 * makes it Skipped. Completed backups are woken exactly at their retention deadline.
 */
public final class QdrantClusterSnapshotReconciler implements Reconciler<QdrantClusterSnapshot> {

    private static final Logger LOG = LoggerFactory.getLogger(QdrantClusterSnapshotReconciler.class);
    /** status.message, which the CRD keeps although it does not model it: why a backup was skipped or failed. */
    static final String MESSAGE = "message";

    private final KubernetesClient client;
    private final VolumeSnapshots volumeSnapshots;
    private final StatusUpdater statusUpdater;
    private final EventRecorder events;
    private final BackupSettings settings;
    private final Clock clock;

    public QdrantClusterSnapshotReconciler(KubernetesClient client, StatusUpdater statusUpdater, EventRecorder events,
                                           BackupSettings settings, Clock clock) {
        this.client = client;
        this.volumeSnapshots = new VolumeSnapshots(client);
        this.statusUpdater = statusUpdater;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public ReconcileResult reconcile(QdrantClusterSnapshot snapshot) {
        QdrantClusterSnapshotStatus status = snapshot.getStatus();
        SnapshotPhase phase = status == null ? null : status.getPhase();
        if (phase == SnapshotPhase.SUCCEEDED || phase == SnapshotPhase.FAILED || phase == SnapshotPhase.SKIPPED) {
            return expireWhenDue(snapshot);
        }
        if (phase == null) {
            return start(snapshot);
        }
        return observe(snapshot);
    }

    private ReconcileResult start(QdrantClusterSnapshot snapshot) {
        String namespace = snapshot.getMetadata().getNamespace();
        String clusterId = snapshot.getSpec() == null ? null : snapshot.getSpec().getClusterId();
        if (clusterId == null || clusterId.isBlank()) {
            return complete(snapshot, SnapshotPhase.FAILED, "spec.cluster-id is empty; name the cluster to back up");
        }
        String retention = snapshot.getSpec().getRetention();
        if (retention != null) {
            try {
                SnapshotProgress.retentionPeriod(retention);
            } catch (IllegalArgumentException e) {
                return complete(snapshot, SnapshotPhase.FAILED, e.getMessage());
            }
        }
        QdrantCluster cluster = client.resources(QdrantCluster.class).inNamespace(namespace)
                .withName(BackupNames.clusterName(clusterId)).get();
        if (cluster == null) {
            return complete(snapshot, SnapshotPhase.SKIPPED, "cluster " + clusterId + " not found in namespace " + namespace);
        }
        var skip = BackupEligibility.skipReason(cluster);
        if (skip.isPresent()) {
            return complete(snapshot, SnapshotPhase.SKIPPED, skip.get());
        }
        List<PersistentVolumeClaim> claims = databaseClaims(namespace, clusterId);
        if (claims.isEmpty()) {
            return complete(snapshot, SnapshotPhase.SKIPPED, "cluster " + clusterId + " has no database volumes yet");
        }
        recordCluster(snapshot, cluster);
        String className = cluster.getSpec().getStorage() != null && cluster.getSpec().getStorage().getVolumeSnapshotClassName() != null
                ? cluster.getSpec().getStorage().getVolumeSnapshotClassName() : settings.volumeSnapshotClass();
        List<VolumeSnapshotInfo> infos = new ArrayList<>();
        for (PersistentVolumeClaim claim : claims) {
            String claimName = claim.getMetadata().getName();
            volumeSnapshots.create(VolumeSnapshots.desired(snapshot, clusterId, claimName, className));
            VolumeSnapshotInfo info = new VolumeSnapshotInfo();
            info.setVolumeSnapshotName(BackupNames.volumeSnapshot(snapshot.getMetadata().getName(), claimName));
            info.setVolumeName(claimName);
            info.setReadyToUse(false);
            infos.add(info);
        }
        statusUpdater.updateStatus(snapshot, s -> {
            QdrantClusterSnapshotStatus status = statusOf(s);
            status.setPhase(SnapshotPhase.RUNNING);
            status.setVolumeSnapshots(infos);
        });
        LOG.info("Backup {}/{} of cluster {} started: {} VolumeSnapshots of class {}", namespace,
                snapshot.getMetadata().getName(), clusterId, infos.size(), className);
        events.normal(snapshot, "BackupStarted", "Taking " + infos.size() + " VolumeSnapshots of class " + className
                + " of cluster " + clusterId);
        return ReconcileResult.requeueAfter(settings.progressInterval());
    }

    private ReconcileResult observe(QdrantClusterSnapshot snapshot) {
        String namespace = snapshot.getMetadata().getNamespace();
        List<VolumeSnapshotState> states = new ArrayList<>();
        for (VolumeSnapshotInfo info : snapshot.getStatus().getVolumeSnapshots()) {
            states.add(volumeSnapshots.observe(namespace, info.getVolumeSnapshotName(), info.getVolumeName()));
        }
        Instant now = clock.instant();
        SnapshotProgress.Outcome outcome = SnapshotProgress.evaluate(states, startedAt(snapshot), now,
                snapshot.getSpec().getRetention(), settings);
        statusUpdater.updateStatus(snapshot, s -> {
            QdrantClusterSnapshotStatus status = statusOf(s);
            status.setPhase(outcome.phase());
            status.setVolumeSnapshots(outcome.volumeSnapshots());
            status.setCompletionTime(outcome.completionTime());
            status.setRetainUntil(outcome.retainUntil() == null ? null : outcome.retainUntil().toString());
        });
        if (outcome.phase() == SnapshotPhase.RUNNING) {
            return ReconcileResult.requeueAfter(settings.progressInterval());
        }
        String name = namespace + "/" + snapshot.getMetadata().getName();
        if (outcome.phase() == SnapshotPhase.SUCCEEDED) {
            LOG.info("Backup {} succeeded in {}, kept until {}", name, outcome.completionTime(),
                    outcome.retainUntil() == null ? "deleted by hand" : outcome.retainUntil());
            events.normal(snapshot, "BackupSucceeded", "All " + states.size() + " VolumeSnapshots are ready, in "
                    + outcome.completionTime());
        } else {
            String errors = outcome.volumeSnapshots().stream().filter(i -> i.getError() != null)
                    .map(i -> i.getVolumeSnapshotName() + ": " + i.getError().getMessage()).reduce((a, b) -> a + "; " + b).orElse("");
            LOG.warn("Backup {} failed: {}", name, errors);
            events.warning(snapshot, "BackupFailed", errors);
        }
        return untilExpiry(outcome.retainUntil() == null ? null : outcome.retainUntil().toString(), snapshot);
    }

    private ReconcileResult expireWhenDue(QdrantClusterSnapshot snapshot) {
        return untilExpiry(snapshot.getStatus().getRetainUntil(), snapshot);
    }

    private ReconcileResult untilExpiry(String retainUntil, QdrantClusterSnapshot snapshot) {
        Duration left;
        try {
            var remaining = SnapshotProgress.timeToExpiry(retainUntil, clock.instant());
            if (remaining.isEmpty()) {
                return ReconcileResult.done();
            }
            left = remaining.get();
        } catch (IllegalArgumentException e) {
            LOG.warn("Backup {}/{} is kept: {}", snapshot.getMetadata().getNamespace(), snapshot.getMetadata().getName(),
                    e.getMessage());
            return ReconcileResult.done();
        }
        if (left.isNegative() || left.isZero()) {
            client.resource(snapshot).delete();
            LOG.info("Backup {}/{} deleted: retained until {}", snapshot.getMetadata().getNamespace(),
                    snapshot.getMetadata().getName(), retainUntil);
            return ReconcileResult.done();
        }
        return ReconcileResult.requeueAfter(left);
    }

    private ReconcileResult complete(QdrantClusterSnapshot snapshot, SnapshotPhase phase, String message) {
        Instant now = clock.instant();
        Instant retainUntil = now.plus(settings.retainUnsuccessful());
        statusUpdater.updateStatus(snapshot, s -> {
            QdrantClusterSnapshotStatus status = statusOf(s);
            status.setPhase(phase);
            status.setUnknownField(MESSAGE, message);
            status.setCompletionTime(GoDuration.format(Duration.ZERO));
            status.setRetainUntil(retainUntil.toString());
        });
        LOG.info("Backup {}/{} {}: {}", snapshot.getMetadata().getNamespace(), snapshot.getMetadata().getName(),
                phase, message);
        events.warning(snapshot, "Backup" + phase.wireValue(), message);
        return ReconcileResult.requeueAfter(settings.retainUnsuccessful());
    }

    /** Keeps the cluster's configuration on the backup before any VolumeSnapshot exists, for restores to revert to. */
    private void recordCluster(QdrantClusterSnapshot snapshot, QdrantCluster cluster) {
        Map<String, String> annotations = snapshot.getMetadata().getAnnotations();
        if (annotations != null && annotations.containsKey(BackupNames.CLUSTER_SPEC_ANNOTATION)) {
            return;
        }
        Map<String, String> recorded = RecordedCluster.of(cluster).annotations();
        client.resources(QdrantClusterSnapshot.class).inNamespace(snapshot.getMetadata().getNamespace())
                .withName(snapshot.getMetadata().getName())
                .edit(s -> {
                    if (s.getMetadata().getAnnotations() == null) {
                        s.getMetadata().setAnnotations(new java.util.LinkedHashMap<>());
                    }
                    s.getMetadata().getAnnotations().putAll(recorded);
                    return s;
                });
    }

    /** The cluster's database PVCs in node order; a node's snapshots volume holds no database and is not backed up. */
    private List<PersistentVolumeClaim> databaseClaims(String namespace, String clusterId) {
        return client.persistentVolumeClaims().inNamespace(namespace)
                .withLabel(QdrantApi.Labels.CLUSTER_ID, clusterId).list().getItems().stream()
                .filter(claim -> claim.getMetadata().getDeletionTimestamp() == null)
                .filter(claim -> BackupNames.databaseClaimOrdinal(clusterId, claim.getMetadata().getName()).isPresent())
                .sorted(Comparator.comparing(claim -> BackupNames.databaseClaimOrdinal(clusterId, claim.getMetadata().getName()).get()))
                .toList();
    }

    private static Instant startedAt(QdrantClusterSnapshot snapshot) {
        return Instant.parse(snapshot.getMetadata().getCreationTimestamp());
    }

    private static QdrantClusterSnapshotStatus statusOf(QdrantClusterSnapshot snapshot) {
        if (snapshot.getStatus() == null) {
            snapshot.setStatus(new QdrantClusterSnapshotStatus());
        }
        return snapshot.getStatus();
    }
}
