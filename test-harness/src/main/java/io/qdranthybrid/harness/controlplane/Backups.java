package io.qdranthybrid.harness.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterScheduledSnapshotSpec;
import io.qdranthybrid.operator.backup.CronSchedule;
import io.qdranthybrid.operator.backup.InvalidScheduleException;
import io.qdranthybrid.platform.desired.DesiredStateStore;
import io.qdranthybrid.platform.environment.ForceDeletePolicy;
import io.qdranthybrid.platform.environment.Staleness;
import io.qdranthybrid.platform.environment.Environment;
import io.qdranthybrid.protocol.message.DesiredResource;
import io.qdranthybrid.protocol.message.ResourceKey;
import io.qdranthybrid.protocol.message.ResourceKind;
import io.qdranthybrid.protocol.message.ResourceStatus;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Backups of clusters: take one now, schedule them, restore one into the same or a new cluster. Each becomes its
 * qdrant.io/v1 resource in the desired state; the operator in the environment does the work and the agent reports
 * the phases back. A cluster a restore created (or reverted) is adopted into the desired state once the restore
 * succeeded, so it is managed like any other from then on.
 */
public final class Backups {

    private static final String SUCCEEDED = "Succeeded";
    private static final Set<String> FINISHED = Set.of(SUCCEEDED, "Failed", "Skipped");

    private final ControlPlaneContext context;
    private final Clusters clusters;
    /** The cluster as desired when each backup was requested: what a restore brings back. */
    private final Map<ResourceKey, QdrantCluster> clusterAtBackup = new ConcurrentHashMap<>();
    /** Restores whose destination cluster is adopted when they succeed. */
    private final Map<ResourceKey, PendingAdoption> pendingAdoptions = new ConcurrentHashMap<>();

    /** What each in-place restore reverts of its cluster's configuration, as said when it was requested. */
    private final Map<ResourceKey, String> reverts = new ConcurrentHashMap<>();
    /** In-place restores not finished yet: their cluster's view is pending until they are. */
    private final Map<ResourceKey, String> restoringCluster = new ConcurrentHashMap<>();

    private record PendingAdoption(String environmentId, QdrantCluster cluster, String backupName) {
    }

    Backups(ControlPlaneContext context, Clusters clusters) {
        this.context = context;
        this.clusters = clusters;
        context.statuses().addObserver(this::statusReported);
    }

    /** Takes a backup of the cluster now, kept until deleted. */
    public BackupView takeBackup(String environmentId, String clusterId) {
        return takeBackup(environmentId, clusterId, null);
    }

    /**
     * Takes a backup of the cluster now.
     *
     * @param retentionHours how long the operator keeps it; null keeps it until deleted
     */
    public BackupView takeBackup(String environmentId, String clusterId, Integer retentionHours) {
        Environment environment = context.requireEnvironment(environmentId);
        QdrantCluster cluster = clusters.desired(environmentId, clusterId);
        if (retentionHours != null && retentionHours < 1) {
            throw new InvalidRequestException("retention must be at least 1 hour, got " + retentionHours);
        }
        String name = uniqueName(clusterId, "backup");
        Instant now = context.clock().instant();
        DesiredStateStore store = context.stores().forEnvironment(environmentId);
        ResourceKey key = store.key(ResourceKind.SNAPSHOT, name);
        clusterAtBackup.put(key, cluster);
        store.put(key, ClusterManifests.toJson(BackupManifests.snapshot(name, clusterId, environment.namespace(),
                context.settings().customerId(), now, retentionHours)));
        context.events().publish(ControlPlaneEvent.Type.BACKUP_REQUESTED, environmentId, name, "of cluster " + clusterId);
        return getBackup(environmentId, name);
    }

    public List<BackupView> listBackups(String environmentId) {
        return all(environmentId, ResourceKind.SNAPSHOT, this::backupView);
    }

    public BackupView getBackup(String environmentId, String backupName) {
        return backupView(environmentId, require(environmentId, ResourceKind.SNAPSHOT, backupName, "backup"));
    }

    /** Deletes the backup; the operator removes its volume snapshots. */
    public void deleteBackup(String environmentId, String backupName) {
        DesiredResource backup = require(environmentId, ResourceKind.SNAPSHOT, backupName, "backup");
        context.stores().forEnvironment(environmentId).delete(backup.key());
        clusterAtBackup.remove(backup.key());
        context.events().publish(ControlPlaneEvent.Type.BACKUP_DELETED, environmentId, backupName, "");
    }

    /**
     * Backs the cluster up on a schedule.
     *
     * @param cron           UTC cron (5 fields), a macro like {@code @daily}, or {@code @every 6h}
     * @param retentionHours how long each backup is kept, at least 1
     */
    public ScheduleView createSchedule(String environmentId, String clusterId, String cron, int retentionHours) {
        Environment environment = context.requireEnvironment(environmentId);
        clusters.desired(environmentId, clusterId);
        try {
            CronSchedule.parse(cron);
        } catch (InvalidScheduleException e) {
            throw new InvalidRequestException("schedule '" + cron + "': " + e.getMessage());
        }
        if (!QdrantClusterScheduledSnapshotSpec.scheduleAccepted(cron)) {
            // e.g. @midnight or month names: the operator could run them, but the real CRD refuses them
            throw new InvalidRequestException("schedule '" + cron + "': not accepted by the QdrantClusterScheduledSnapshot "
                    + "CRD, which allows 5 to 7 numeric cron fields, @every <duration> or one of @yearly, @annually, "
                    + "@monthly, @weekly, @daily, @hourly");
        }
        if (retentionHours < 1) {
            throw new InvalidRequestException("retention must be at least 1 hour, got " + retentionHours);
        }
        String shortId = shortId();
        String name = clusterId + "-schedule-" + shortId;
        DesiredStateStore store = context.stores().forEnvironment(environmentId);
        store.put(store.key(ResourceKind.SCHEDULE, name), ClusterManifests.toJson(BackupManifests.schedule(name, shortId,
                clusterId, environment.namespace(), context.settings().customerId(), cron.trim(), retentionHours)));
        context.events().publish(ControlPlaneEvent.Type.SCHEDULE_CREATED, environmentId, name,
                cron + " for cluster " + clusterId);
        return scheduleView(environmentId, require(environmentId, ResourceKind.SCHEDULE, name, "backup schedule"));
    }

    public List<ScheduleView> listSchedules(String environmentId) {
        return all(environmentId, ResourceKind.SCHEDULE, this::scheduleView);
    }

    public void deleteSchedule(String environmentId, String scheduleName) {
        DesiredResource schedule = require(environmentId, ResourceKind.SCHEDULE, scheduleName, "backup schedule");
        context.stores().forEnvironment(environmentId).delete(schedule.key());
        context.events().publish(ControlPlaneEvent.Type.SCHEDULE_DELETED, environmentId, scheduleName, "");
    }

    /**
     * Restores a backup.
     *
     * @param destinationClusterId an existing cluster to restore into (its volumes are replaced and its spec reverts
     *                             to the backed-up one), or the id of a new cluster to create from the backup
     * @param intoNewCluster       which of the two
     */
    public RestoreView restore(String environmentId, String backupName, String destinationClusterId,
                               boolean intoNewCluster) {
        Environment environment = context.requireEnvironment(environmentId);
        DesiredResource backup = require(environmentId, ResourceKind.SNAPSHOT, backupName, "backup");
        if (destinationClusterId == null || destinationClusterId.isBlank()) {
            throw new InvalidRequestException("a destination cluster id is required");
        }
        Optional<ClusterView> destination = clusters.list(environmentId).stream()
                .filter(c -> c.id().equals(destinationClusterId)).findFirst();
        boolean exists = destination.isPresent();
        if (!intoNewCluster && destination.filter(ClusterView::deleting).isPresent()) {
            throw new ConflictException("cluster " + destinationClusterId + " is being deleted; restore into a new"
                    + " cluster instead");
        }
        if (intoNewCluster && exists) {
            throw new ConflictException("cluster " + destinationClusterId + " already exists in environment "
                    + environmentId + "; restore into it in place, or name a new cluster");
        }
        if (!intoNewCluster && !exists) {
            throw new NotFoundException("no cluster " + destinationClusterId + " in environment " + environmentId
                    + " to restore into; restore into a new cluster instead");
        }
        String backedUp = BackupManifests.clusterIdOf(backup.manifestIfPresent().orElseThrow());
        if (!intoNewCluster && !backedUp.equals(destinationClusterId)) {
            // As Qdrant Cloud's RestoreBackup(backup_id): in place only into the cluster the backup was taken of.
            throw new InvalidRequestException("backup " + backupName + " is of cluster " + backedUp + ", not of "
                    + destinationClusterId + "; restore it into " + backedUp + ", or into a new cluster");
        }
        QdrantCluster atBackup = clusterAtBackup.get(backup.key());
        if (intoNewCluster) {
            clusters.requireValidId(destinationClusterId);
        }
        String name = uniqueName(destinationClusterId, "restore");
        DesiredStateStore store = context.stores().forEnvironment(environmentId);
        ResourceKey key = store.key(ResourceKind.RESTORE, name);
        if (atBackup != null) {
            pendingAdoptions.put(key, new PendingAdoption(environmentId,
                    BackupManifests.restoredCluster(atBackup, destinationClusterId), backupName));
        }
        if (!intoNewCluster) {
            // Said before it starts and while it runs: the spec the user sees is about to be replaced by the backup's.
            ConfigurationRevert revert = atBackup == null ? new ConfigurationRevert(destinationClusterId, List.of())
                    : ConfigurationRevert.between(destinationClusterId,
                    clusters.desired(environmentId, destinationClusterId).getSpec(), atBackup.getSpec());
            reverts.put(key, revert.sentence());
            restoringCluster.put(key, destinationClusterId);
            clusters.restoring(environmentId, destinationClusterId, revert.whileRestoring(backupName));
        }
        store.put(key, ClusterManifests.toJson(BackupManifests.restore(name, backupName, environment.namespace(),
                context.settings().customerId(), destinationClusterId, intoNewCluster)));
        context.events().publish(ControlPlaneEvent.Type.RESTORE_REQUESTED, environmentId, name,
                "backup " + backupName + (intoNewCluster ? " into new cluster " : " into cluster ") + destinationClusterId);
        return restoreView(environmentId, require(environmentId, ResourceKind.RESTORE, name, "restore"));
    }

    public List<RestoreView> listRestores(String environmentId) {
        return all(environmentId, ResourceKind.RESTORE, this::restoreView);
    }

    private void statusReported(String environmentId, ResourceStatus status) {
        String phase = status.status().path("phase").asText();
        if (status.key().kind() != ResourceKind.RESTORE || !FINISHED.contains(phase)) {
            return;
        }
        PendingAdoption adoption = pendingAdoptions.remove(status.key());
        if (SUCCEEDED.equals(phase) && adoption != null && context.registry().find(environmentId).isPresent()) {
            clusters.adopt(environmentId, adoption.cluster(), "restored from backup " + adoption.backupName());
        }
        // After the adoption, so the view goes from "restoring" straight to the backup's spec being applied.
        String clusterId = restoringCluster.remove(status.key());
        if (clusterId != null) {
            clusters.restoreEnded(environmentId, clusterId);
        }
    }

    private BackupView backupView(String environmentId, DesiredResource resource) {
        JsonNode manifest = resource.manifestIfPresent().orElseThrow();
        JsonNode spec = manifest.path("spec");
        JsonNode status = reported(environmentId, resource);
        String phase = status.path("phase").asText("");
        String phaseReason = "";
        Staleness staleness = context.registry().find(environmentId).map(context::staleness).orElse(null);
        if (staleness != null && staleness.stale() && staleness.everHeard()) {
            phaseReason = ForceDeletePolicy.unknownReason(phase, "", staleness);
            phase = ClusterView.UNKNOWN;
        }
        return new BackupView(resource.key().name(), environmentId, spec.path("cluster-id").asText(""),
                Instant.ofEpochSecond(spec.path("creation-timestamp").asLong(0)), spec.path("retention").asText(""),
                phase, status.path("retainUntil").asText(""),
                revertOf(environmentId, resource.key(), spec.path("cluster-id").asText("")), phaseReason);
    }

    /** What restoring the backup in place would revert now; empty when the cluster is gone or its state unknown. */
    private String revertOf(String environmentId, ResourceKey backup, String clusterId) {
        QdrantCluster atBackup = clusterAtBackup.get(backup);
        DesiredStateStore store = context.desired(environmentId);
        return atBackup == null ? "" : store.get(Clusters.key(store, clusterId))
                .flatMap(DesiredResource::manifestIfPresent).map(ClusterManifests::fromJson)
                .map(now -> ConfigurationRevert.between(clusterId, now.getSpec(), atBackup.getSpec()).sentence())
                .orElse("");
    }

    private ScheduleView scheduleView(String environmentId, DesiredResource resource) {
        JsonNode spec = resource.manifestIfPresent().orElseThrow().path("spec");
        JsonNode status = reported(environmentId, resource);
        return new ScheduleView(resource.key().name(), environmentId, spec.path("cluster-id").asText(""),
                spec.path("schedule").asText(""), spec.path("retention").asText(""), status.path("phase").asText(""),
                RestVocabulary.speak(status.path("message").asText(""), clusters.knownIds(environmentId)));
    }

    private RestoreView restoreView(String environmentId, DesiredResource resource) {
        JsonNode spec = resource.manifestIfPresent().orElseThrow().path("spec");
        JsonNode status = reported(environmentId, resource);
        return new RestoreView(resource.key().name(), environmentId,
                spec.path("source").path("snapshotName").asText(""),
                ClusterManifests.clusterIdOf(spec.path("destination").path("name").asText("")),
                spec.path("destination").path("create").asBoolean(false), status.path("phase").asText(""),
                RestVocabulary.speak(status.path("message").asText(""), restoreIds(environmentId, spec)),
                reverts.getOrDefault(resource.key(), ""));
    }

    /** The clusters a restore's message may name: the environment's and its destination (maybe not created yet). */
    private Set<String> restoreIds(String environmentId, JsonNode spec) {
        Set<String> ids = new LinkedHashSet<>(clusters.knownIds(environmentId));
        ids.add(ClusterManifests.clusterIdOf(spec.path("destination").path("name").asText("")));
        return ids;
    }

    /** The reported status object, empty when none was reported (or the object is gone). */
    private JsonNode reported(String environmentId, DesiredResource resource) {
        return context.statuses().store().latest(environmentId, resource.key())
                .map(ResourceStatus::status)
                .filter(s -> !s.path("deleted").asBoolean(false))
                .orElse(JsonNodeFactory.instance.objectNode());
    }

    private <T> List<T> all(String environmentId, ResourceKind kind, BiFunction<String, DesiredResource, T> view) {
        DesiredStateStore store = context.desired(environmentId);
        return store.keys().stream().filter(k -> k.kind() == kind).map(store::get).flatMap(Optional::stream)
                .map(resource -> view.apply(environmentId, resource)).toList();
    }

    private DesiredResource require(String environmentId, ResourceKind kind, String name, String what) {
        DesiredStateStore store = context.desired(environmentId);
        if (name == null || name.isBlank()) {
            throw new InvalidRequestException("a " + what + " name is required");
        }
        return store.get(store.key(kind, name)).orElseThrow(() -> new NotFoundException(
                "no " + what + " " + name + " in environment " + environmentId));
    }

    private static String uniqueName(String clusterId, String what) {
        return clusterId + "-" + what + "-" + shortId();
    }

    /** Eight hex digits: the most a schedule's short id may have. */
    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
