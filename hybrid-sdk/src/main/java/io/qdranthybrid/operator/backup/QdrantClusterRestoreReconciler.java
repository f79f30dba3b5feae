package io.qdranthybrid.operator.backup;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantApi;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterRestore;
import io.qdranthybrid.crd.QdrantClusterRestoreStatus;
import io.qdranthybrid.crd.QdrantClusterSnapshot;
import io.qdranthybrid.crd.QdrantClusterSpec;
import io.qdranthybrid.crd.Resources;
import io.qdranthybrid.crd.RestoreDestination;
import io.qdranthybrid.crd.RestorePhase;
import io.qdranthybrid.crd.RestoreSource;
import io.qdranthybrid.crd.SnapshotPhase;
import io.qdranthybrid.crd.VolumeSnapshotInfo;
import io.qdranthybrid.reconcile.EventRecorder;
import io.qdranthybrid.reconcile.ReconcileResult;
import io.qdranthybrid.reconcile.Reconciler;
import io.qdranthybrid.reconcile.StatusUpdater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.HttpURLConnection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Restores a backup (a Succeeded QdrantClusterSnapshot) from its VolumeSnapshots.
 *
 * <p>Into a new cluster ({@code destination.create: true}): creates the database PVCs the new StatefulSet will
 * claim, each from a VolumeSnapshot, then the QdrantCluster with the configuration recorded at backup time and the
 * new id, and waits until it is Healthy. In place: suspends the cluster, replaces its database PVCs with ones
 * restored from the VolumeSnapshots, reverts the spec to the recorded one (keeping the id) and resumes it.
 *
 * <p>Every step is derived from the world, not remembered: PVCs and clusters the restore made carry its uid in an
 * annotation, so an operator restarted at any point continues where it was and never touches a user's objects.
 */
public final class QdrantClusterRestoreReconciler implements Reconciler<QdrantClusterRestore> {

    private static final Logger LOG = LoggerFactory.getLogger(QdrantClusterRestoreReconciler.class);

    private final KubernetesClient client;
    private final VolumeSnapshots volumeSnapshots;
    private final StatusUpdater statusUpdater;
    private final EventRecorder events;
    private final BackupSettings settings;
    private final String defaultDatabaseStorageClass;

    /** @param defaultDatabaseStorageClass class of restored database PVCs when the recorded spec names none; null for the cluster default */
    public QdrantClusterRestoreReconciler(KubernetesClient client, StatusUpdater statusUpdater, EventRecorder events,
                                          BackupSettings settings, String defaultDatabaseStorageClass) {
        this.client = client;
        this.volumeSnapshots = new VolumeSnapshots(client);
        this.statusUpdater = statusUpdater;
        this.events = events;
        this.settings = settings;
        this.defaultDatabaseStorageClass = defaultDatabaseStorageClass;
    }

    /** A restore that cannot continue; the message tells the user what to change. */
    private static final class RestoreFailed extends Exception {
        private static final long serialVersionUID = 1L;

        RestoreFailed(String message) {
            super(message, null, false, false);
        }
    }

    /** The backup being restored, checked to be complete. */
    private record Backup(QdrantClusterSnapshot snapshot, RecordedCluster recorded, List<VolumeSnapshotInfo> volumes,
                          Map<String, GenericKubernetesResource> volumeSnapshots) {
        String name() {
            return snapshot.getMetadata().getName();
        }

        String sourceClusterId() {
            return snapshot.getSpec().getClusterId();
        }
    }

    @Override
    public ReconcileResult reconcile(QdrantClusterRestore restore) {
        RestorePhase phase = restore.getStatus() == null ? null : restore.getStatus().getPhase();
        if (phase == RestorePhase.SUCCEEDED || phase == RestorePhase.FAILED || phase == RestorePhase.SKIPPED) {
            return ReconcileResult.done();
        }
        try {
            Optional<Backup> backup = backup(restore);
            if (backup.isEmpty()) {
                return ReconcileResult.requeueAfter(settings.progressInterval());
            }
            RestoreDestination destination = restore.getSpec().getDestination();
            return Boolean.TRUE.equals(destination.getCreate())
                    ? intoNewCluster(restore, backup.get()) : inPlace(restore, backup.get());
        } catch (RestoreFailed failed) {
            return finish(restore, RestorePhase.FAILED, failed.getMessage());
        }
    }

    /** The backup to restore; empty (status Pending) while it is still being taken. */
    private Optional<Backup> backup(QdrantClusterRestore restore) throws RestoreFailed {
        String namespace = restore.getMetadata().getNamespace();
        RestoreSource source = restore.getSpec() == null ? null : restore.getSpec().getSource();
        RestoreDestination destination = restore.getSpec() == null ? null : restore.getSpec().getDestination();
        if (source == null || source.getSnapshotName() == null || destination == null || destination.getName() == null) {
            throw new RestoreFailed("spec.source.snapshotName and spec.destination.name are required");
        }
        requireOwnNamespace("source", source.getNamespace(), namespace);
        requireOwnNamespace("destination", destination.getNamespace(), namespace);
        QdrantClusterSnapshot snapshot = client.resources(QdrantClusterSnapshot.class).inNamespace(namespace)
                .withName(source.getSnapshotName()).get();
        if (snapshot == null) {
            throw new RestoreFailed("snapshot not found: no QdrantClusterSnapshot " + source.getSnapshotName()
                    + " in namespace " + namespace);
        }
        SnapshotPhase snapshotPhase = snapshot.getStatus() == null ? null : snapshot.getStatus().getPhase();
        if (snapshotPhase == SnapshotPhase.FAILED || snapshotPhase == SnapshotPhase.SKIPPED) {
            throw new RestoreFailed("snapshot " + source.getSnapshotName() + " is " + snapshotPhase
                    + "; restore from a Succeeded snapshot");
        }
        if (snapshotPhase != SnapshotPhase.SUCCEEDED) {
            update(restore, RestorePhase.PENDING, "waiting for snapshot " + source.getSnapshotName() + " to succeed (now "
                    + (snapshotPhase == null ? "not started" : snapshotPhase.wireValue()) + ")");
            return Optional.empty();
        }
        RecordedCluster recorded = RecordedCluster.from(snapshot).orElseThrow(() -> new RestoreFailed("snapshot "
                + source.getSnapshotName() + " has no recorded cluster configuration (annotation "
                + BackupNames.CLUSTER_SPEC_ANNOTATION + "); it was not taken by this operator"));
        List<VolumeSnapshotInfo> volumes = snapshot.getStatus().getVolumeSnapshots();
        if (volumes == null || volumes.isEmpty()) {
            throw new RestoreFailed("snapshot " + source.getSnapshotName() + " lists no VolumeSnapshots");
        }
        Map<String, GenericKubernetesResource> found = new LinkedHashMap<>();
        for (VolumeSnapshotInfo volume : volumes) {
            GenericKubernetesResource volumeSnapshot = volumeSnapshots.get(namespace, volume.getVolumeSnapshotName())
                    .orElseThrow(() -> new RestoreFailed("VolumeSnapshot " + volume.getVolumeSnapshotName() + " of snapshot "
                            + source.getSnapshotName() + " no longer exists; restore from another snapshot"));
            if (!VolumeSnapshots.isReady(volumeSnapshot)) {
                throw new RestoreFailed("VolumeSnapshot " + volume.getVolumeSnapshotName() + " of snapshot "
                        + source.getSnapshotName() + " is not ready to use");
            }
            found.put(volume.getVolumeSnapshotName(), volumeSnapshot);
        }
        return Optional.of(new Backup(snapshot, recorded, volumes, found));
    }

    // ---------------------------------------------------------------- into a new cluster

    private ReconcileResult intoNewCluster(QdrantClusterRestore restore, Backup backup) throws RestoreFailed {
        String namespace = restore.getMetadata().getNamespace();
        String id = BackupNames.clusterIdOf(restore.getSpec().getDestination().getName());
        String clusterName = BackupNames.clusterName(id);
        QdrantCluster existing = client.resources(QdrantCluster.class).inNamespace(namespace).withName(clusterName).get();
        if (existing != null) {
            if (!restoredBy(existing.getMetadata().getAnnotations(), restore)) {
                throw new RestoreFailed("cluster " + clusterName + " already exists; choose another destination.name, "
                        + "or set destination.create: false to restore into it");
            }
            return awaitHealthy(restore, existing, "restored into new cluster " + id + " from snapshot " + backup.name());
        }
        List<RestoreVolumes.Target> targets = RestoreVolumes.targets(backup.sourceClusterId(), backup.volumes(), id);
        String size = ensureClaims(restore, backup, targets, id, namespace);
        QdrantCluster cluster = new QdrantCluster();
        Map<String, String> labels = new LinkedHashMap<>(backup.recorded().labels());
        labels.put(QdrantApi.Labels.CLUSTER_ID, id);
        cluster.setMetadata(new ObjectMetaBuilder().withName(clusterName).withNamespace(namespace).withLabels(labels)
                .addToAnnotations(BackupNames.RESTORED_BY_ANNOTATION, restore.getMetadata().getUid())
                .addToAnnotations(BackupNames.RESTORED_FROM_ANNOTATION, backup.name())
                .build());
        cluster.setSpec(withStorage(backup.recorded().specFor(id), size));
        try {
            client.resource(cluster).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                return ReconcileResult.requeueAfter(settings.progressInterval());
            }
            if (e.getCode() == 422 || e.getCode() == HttpURLConnection.HTTP_BAD_REQUEST) {
                throw new RestoreFailed("cannot create cluster " + clusterName + ": " + e.getStatus().getMessage());
            }
            throw e;
        }
        LOG.info("Restore {}/{}: created cluster {} from snapshot {} with {} restored volumes", namespace,
                restore.getMetadata().getName(), id, backup.name(), targets.size());
        events.normal(restore, "ClusterCreated", "Created cluster " + id + " from snapshot " + backup.name());
        return update(restore, RestorePhase.RUNNING, "created cluster " + id + " with " + targets.size()
                + " volumes restored from snapshot " + backup.name() + "; waiting for it to become Healthy");
    }

    // ---------------------------------------------------------------- in place

    private ReconcileResult inPlace(QdrantClusterRestore restore, Backup backup) throws RestoreFailed {
        String namespace = restore.getMetadata().getNamespace();
        String clusterName = BackupNames.clusterName(BackupNames.clusterIdOf(restore.getSpec().getDestination().getName()));
        QdrantCluster cluster = client.resources(QdrantCluster.class).inNamespace(namespace).withName(clusterName).get();
        if (cluster == null) {
            throw new RestoreFailed("cluster " + clusterName + " not found in namespace " + namespace
                    + "; set destination.create: true to restore into a new cluster");
        }
        String id = cluster.getSpec().getId();
        if (!id.equals(backup.sourceClusterId())) {
            // Qdrant Cloud restores a backup in place only into the cluster it was taken of (RestoreBackup(backup_id));
            // another cluster's volumes carry that cluster's peers in their consensus state and would never form one.
            throw new RestoreFailed("snapshot " + backup.name() + " is a backup of cluster " + backup.sourceClusterId()
                    + ", not of " + id + "; restore it in place into " + backup.sourceClusterId()
                    + ", or into a new cluster with destination.create: true");
        }
        List<RestoreVolumes.Target> targets = RestoreVolumes.targets(backup.sourceClusterId(), backup.volumes(), id);
        boolean volumesRestored = targets.stream().allMatch(target -> {
            PersistentVolumeClaim claim = client.persistentVolumeClaims().inNamespace(namespace).withName(target.claimName()).get();
            return claim != null && claim.getMetadata().getDeletionTimestamp() == null
                    && restoredBy(claim.getMetadata().getAnnotations(), restore);
        });
        if (volumesRestored) {
            if (!restoredBy(cluster.getMetadata().getAnnotations(), restore) || Boolean.TRUE.equals(cluster.getSpec().getSuspend())) {
                return resume(restore, backup, cluster, targets);
            }
            return awaitHealthy(restore, cluster, "restored cluster " + id + " in place from snapshot " + backup.name()
                    + RevertedVersion.note(annotation(cluster, BackupNames.VERSION_BEFORE_RESTORE_ANNOTATION),
                    cluster.getSpec().getVersion()));
        }
        if (!Boolean.TRUE.equals(cluster.getSpec().getSuspend())) {
            client.resources(QdrantCluster.class).inNamespace(namespace).withName(clusterName).edit(c -> {
                c.getSpec().setSuspend(true);
                return c;
            });
            LOG.info("Restore {}/{}: suspending cluster {} to replace its volumes", namespace, restore.getMetadata().getName(), id);
            events.normal(restore, "SuspendingCluster", "Suspending cluster " + id + " to replace its volumes with snapshot "
                    + backup.name());
            return update(restore, RestorePhase.RUNNING, "suspending cluster " + id + " to replace its volumes; it is "
                    + "unavailable until the restore completes");
        }
        if (!isSettled(cluster, ClusterPhase.SUSPENDED)) {
            return update(restore, RestorePhase.RUNNING, "waiting for cluster " + id + " to be Suspended (now "
                    + phaseOf(cluster) + ")");
        }
        Set<String> targetNames = targets.stream().map(RestoreVolumes.Target::claimName).collect(Collectors.toSet());
        int deleted = 0;
        for (PersistentVolumeClaim claim : databaseClaims(namespace, id)) {
            boolean ours = targetNames.contains(claim.getMetadata().getName()) && restoredBy(claim.getMetadata().getAnnotations(), restore);
            if (!ours && claim.getMetadata().getDeletionTimestamp() == null) {
                client.resource(claim).delete();
                deleted++;
                LOG.info("Restore {}/{}: deleted PVC {} of cluster {} to restore it from the snapshot", namespace,
                        restore.getMetadata().getName(), claim.getMetadata().getName(), id);
            }
        }
        if (deleted > 0 || databaseClaims(namespace, id).stream().anyMatch(c -> c.getMetadata().getDeletionTimestamp() != null)) {
            return update(restore, RestorePhase.RUNNING, "deleting the current database volumes of cluster " + id);
        }
        ensureClaims(restore, backup, targets, id, namespace);
        return update(restore, RestorePhase.RUNNING, "restoring " + targets.size() + " database volumes of cluster " + id
                + " from snapshot " + backup.name());
    }

    /** Reverts the spec to the one recorded at backup time (keeping the id) and resumes the cluster, in one write. */
    private ReconcileResult resume(QdrantClusterRestore restore, Backup backup, QdrantCluster cluster,
                                   List<RestoreVolumes.Target> targets) {
        String namespace = restore.getMetadata().getNamespace();
        String id = cluster.getSpec().getId();
        String size = claimSize(namespace, targets, backup.recorded().spec());
        QdrantClusterSpec reverted = withStorage(backup.recorded().specFor(id), size);
        String versionBefore = cluster.getSpec().getVersion();
        client.resources(QdrantCluster.class).inNamespace(namespace).withName(cluster.getMetadata().getName()).edit(c -> {
            c.setSpec(reverted);
            if (c.getMetadata().getAnnotations() == null) {
                c.getMetadata().setAnnotations(new LinkedHashMap<>());
            }
            if (versionBefore != null) {
                c.getMetadata().getAnnotations().put(BackupNames.VERSION_BEFORE_RESTORE_ANNOTATION, versionBefore);
            }
            c.getMetadata().getAnnotations().put(BackupNames.RESTORED_BY_ANNOTATION, restore.getMetadata().getUid());
            c.getMetadata().getAnnotations().put(BackupNames.RESTORED_FROM_ANNOTATION, backup.name());
            return c;
        });
        // A version older than the running one is no downgrade of live data (which Qdrant cannot do): the volumes are
        // the backup's, written by that version; Qdrant Cloud's in-place restore reverts "the configuration, including
        // the cluster version, back to the state when the backup was taken" (qdrant-crds.md §3.5, DOCS cloud/backups).
        LOG.info("Restore {}/{}: volumes of cluster {} restored, resuming it with the configuration of snapshot {}{}",
                namespace, restore.getMetadata().getName(), id, backup.name(),
                RevertedVersion.note(versionBefore, reverted.getVersion()));
        events.normal(restore, "ResumingCluster", "Resuming cluster " + id + " with the configuration of snapshot " + backup.name());
        return update(restore, RestorePhase.RUNNING, "volumes restored; resuming cluster " + id
                + " with the configuration of snapshot " + backup.name()
                + RevertedVersion.note(versionBefore, reverted.getVersion()));
    }

    // ---------------------------------------------------------------- shared steps

    /** Creates the missing restored PVCs; returns their size. Fails on a same-named PVC the restore did not make. */
    private String ensureClaims(QdrantClusterRestore restore, Backup backup, List<RestoreVolumes.Target> targets, String id,
                                String namespace) throws RestoreFailed {
        QdrantClusterSpec recorded = backup.recorded().spec();
        String requested = recorded.getResources() == null ? null : recorded.getResources().getStorage();
        String size = requested;
        for (RestoreVolumes.Target target : targets) {
            size = RestoreVolumes.size(size, VolumeSnapshots.restoreSize(backup.volumeSnapshots().get(target.volumeSnapshotName()))
                    .orElse(null));
        }
        for (RestoreVolumes.Target target : targets) {
            PersistentVolumeClaim existing = client.persistentVolumeClaims().inNamespace(namespace).withName(target.claimName()).get();
            if (existing != null) {
                if (!restoredBy(existing.getMetadata().getAnnotations(), restore)) {
                    throw new RestoreFailed("PVC " + target.claimName() + " already exists and was not made by this restore; "
                            + "delete it or choose another destination.name");
                }
                continue;
            }
            client.resource(RestoreVolumes.claim(target, namespace, id, recorded, defaultDatabaseStorageClass, size,
                    restore.getMetadata().getUid(), backup.name())).create();
            LOG.info("Restore {}/{}: created PVC {} from VolumeSnapshot {}", namespace, restore.getMetadata().getName(),
                    target.claimName(), target.volumeSnapshotName());
        }
        return size;
    }

    private String claimSize(String namespace, List<RestoreVolumes.Target> targets, QdrantClusterSpec recorded) {
        String size = recorded.getResources() == null ? null : recorded.getResources().getStorage();
        for (RestoreVolumes.Target target : targets) {
            PersistentVolumeClaim claim = client.persistentVolumeClaims().inNamespace(namespace).withName(target.claimName()).get();
            if (claim != null && claim.getSpec().getResources() != null && claim.getSpec().getResources().getRequests() != null
                    && claim.getSpec().getResources().getRequests().get("storage") != null) {
                size = RestoreVolumes.size(size, claim.getSpec().getResources().getRequests().get("storage").toString());
            }
        }
        return size;
    }

    /** The spec with its storage raised to the restored volumes' size, so the cluster never sees a volume "shrink". */
    private static QdrantClusterSpec withStorage(QdrantClusterSpec spec, String size) {
        if (size == null) {
            return spec;
        }
        if (spec.getResources() == null) {
            spec.setResources(new Resources());
        }
        spec.getResources().setStorage(size);
        return spec;
    }

    private ReconcileResult awaitHealthy(QdrantClusterRestore restore, QdrantCluster cluster, String done) {
        if (isSettled(cluster, ClusterPhase.HEALTHY)) {
            LOG.info("Restore {}/{} succeeded: {}", restore.getMetadata().getNamespace(), restore.getMetadata().getName(), done);
            events.normal(restore, "RestoreSucceeded", done);
            return finish(restore, RestorePhase.SUCCEEDED, done);
        }
        return update(restore, RestorePhase.RUNNING, "waiting for cluster " + cluster.getSpec().getId()
                + " to become Healthy (now " + phaseOf(cluster) + ")");
    }

    /** In {@code phase} for the current spec: the cluster reconciler has seen the latest generation. */
    private static boolean isSettled(QdrantCluster cluster, ClusterPhase phase) {
        return cluster.getStatus() != null && cluster.getStatus().getPhase() == phase
                && Objects.equals(cluster.getStatus().getObservedGeneration(), cluster.getMetadata().getGeneration());
    }

    private static String phaseOf(QdrantCluster cluster) {
        return cluster.getStatus() == null || cluster.getStatus().getPhase() == null ? "no status"
                : cluster.getStatus().getPhase().wireValue();
    }

    private List<PersistentVolumeClaim> databaseClaims(String namespace, String clusterId) {
        return client.persistentVolumeClaims().inNamespace(namespace).withLabel(QdrantApi.Labels.CLUSTER_ID, clusterId)
                .list().getItems().stream()
                .filter(claim -> BackupNames.databaseClaimOrdinal(clusterId, claim.getMetadata().getName()).isPresent())
                .toList();
    }

    private static String annotation(QdrantCluster cluster, String name) {
        Map<String, String> annotations = cluster.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(name);
    }

    private static boolean restoredBy(Map<String, String> annotations, QdrantClusterRestore restore) {
        return annotations != null && restore.getMetadata().getUid().equals(annotations.get(BackupNames.RESTORED_BY_ANNOTATION));
    }

    private static void requireOwnNamespace(String what, String requested, String namespace) throws RestoreFailed {
        if (requested != null && !requested.isEmpty() && !requested.equals(namespace)) {
            throw new RestoreFailed(what + ".namespace " + requested + " is not this restore's namespace " + namespace
                    + "; the operator restores only within its namespace");
        }
    }

    private ReconcileResult update(QdrantClusterRestore restore, RestorePhase phase, String message) {
        statusUpdater.updateStatus(restore, r -> {
            if (r.getStatus() == null) {
                r.setStatus(new QdrantClusterRestoreStatus());
            }
            r.getStatus().setPhase(phase);
            r.getStatus().setMessage(message);
        });
        return ReconcileResult.requeueAfter(settings.progressInterval());
    }

    private ReconcileResult finish(QdrantClusterRestore restore, RestorePhase phase, String message) {
        update(restore, phase, message);
        if (phase == RestorePhase.FAILED) {
            LOG.warn("Restore {}/{} failed: {}", restore.getMetadata().getNamespace(), restore.getMetadata().getName(), message);
            events.warning(restore, "RestoreFailed", message);
        }
        return ReconcileResult.done();
    }
}
