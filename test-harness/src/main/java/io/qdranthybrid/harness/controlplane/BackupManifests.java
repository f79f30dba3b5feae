package io.qdranthybrid.harness.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.qdranthybrid.crd.QdrantApi;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterRestore;
import io.qdranthybrid.crd.QdrantClusterRestoreSpec;
import io.qdranthybrid.crd.QdrantClusterScheduledSnapshot;
import io.qdranthybrid.crd.QdrantClusterScheduledSnapshotSpec;
import io.qdranthybrid.crd.QdrantClusterSnapshot;
import io.qdranthybrid.crd.QdrantClusterSnapshotSpec;
import io.qdranthybrid.crd.RestoreDestination;
import io.qdranthybrid.crd.RestoreSource;
import io.qdranthybrid.platform.desired.DesiredStateStore;
import io.qdranthybrid.protocol.message.ResourceKey;
import io.qdranthybrid.protocol.message.ResourceKind;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The backup custom resources the control plane sends (QdrantClusterSnapshot, QdrantClusterScheduledSnapshot,
 * QdrantClusterRestore), labelled like clusters so the operator finds them. Pure.
 */
final class BackupManifests {

    private BackupManifests() {
    }

    /** @param retentionHours how long the operator keeps the backup; null keeps it until deleted */
    static QdrantClusterSnapshot snapshot(String name, String clusterId, String namespace, String customerId,
                                          Instant requestedAt, Integer retentionHours) {
        QdrantClusterSnapshot snapshot = new QdrantClusterSnapshot();
        snapshot.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace)
                .withLabels(labels(clusterId, customerId)).build());
        QdrantClusterSnapshotSpec spec = new QdrantClusterSnapshotSpec();
        spec.setClusterId(clusterId);
        spec.setCreationTimestamp(requestedAt.getEpochSecond());
        if (retentionHours != null) {
            spec.setRetention(retentionHours + "h");
        }
        snapshot.setSpec(spec);
        return snapshot;
    }

    static QdrantClusterScheduledSnapshot schedule(String name, String shortId, String clusterId, String namespace,
                                                   String customerId, String cron, int retentionHours) {
        QdrantClusterScheduledSnapshot schedule = new QdrantClusterScheduledSnapshot();
        schedule.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace)
                .withLabels(labels(clusterId, customerId)).build());
        QdrantClusterScheduledSnapshotSpec spec = new QdrantClusterScheduledSnapshotSpec();
        spec.setClusterId(clusterId);
        spec.setScheduleShortId(shortId);
        spec.setSchedule(cron);
        spec.setRetention(retentionHours + "h");
        schedule.setSpec(spec);
        return schedule;
    }

    /** @param intoNewCluster create {@code qdrant-<destinationId>} from the backup instead of replacing its volumes */
    static QdrantClusterRestore restore(String name, String snapshotName, String namespace, String customerId,
                                        String destinationId, boolean intoNewCluster) {
        QdrantClusterRestore restore = new QdrantClusterRestore();
        restore.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace)
                .withLabels(labels(destinationId, customerId)).build());
        RestoreSource source = new RestoreSource();
        source.setSnapshotName(snapshotName);
        source.setNamespace(namespace);
        RestoreDestination destination = new RestoreDestination();
        destination.setName(ClusterManifests.clusterName(destinationId));
        destination.setNamespace(namespace);
        destination.setCreate(intoNewCluster);
        QdrantClusterRestoreSpec spec = new QdrantClusterRestoreSpec();
        spec.setSource(source);
        spec.setDestination(destination);
        restore.setSpec(spec);
        return restore;
    }

    /**
     * The cluster a restore leaves behind, as the operator makes it: the spec recorded at backup time under the
     * destination's id, names and labels. Annotations (a restart request, say) are not carried over.
     */
    static QdrantCluster restoredCluster(QdrantCluster atBackup, String destinationId) {
        QdrantCluster restored = ClusterManifests.copy(atBackup);
        restored.getMetadata().setName(ClusterManifests.clusterName(destinationId));
        Map<String, String> labels = new LinkedHashMap<>(restored.getMetadata().getLabels());
        labels.put(QdrantApi.Labels.CLUSTER_ID, destinationId);
        restored.getMetadata().setLabels(labels);
        restored.getMetadata().setAnnotations(null);
        restored.getSpec().setId(destinationId);
        return restored;
    }

    /** The cluster a snapshot, schedule or restore manifest is about. */
    static String clusterIdOf(JsonNode manifest) {
        return manifest.path("metadata").path("labels").path(QdrantApi.Labels.CLUSTER_ID).asText("");
    }

    /** The desired backup schedules of one cluster. */
    static List<ResourceKey> schedulesOf(DesiredStateStore store, String clusterId) {
        return store.keys().stream().filter(key -> key.kind() == ResourceKind.SCHEDULE)
                .filter(key -> store.get(key).flatMap(r -> r.manifestIfPresent())
                        .map(m -> clusterId.equals(clusterIdOf(m))).orElse(false))
                .toList();
    }

    private static Map<String, String> labels(String clusterId, String customerId) {
        return Map.of(QdrantApi.Labels.CLUSTER_ID, clusterId, QdrantApi.Labels.CUSTOMER_ID, customerId);
    }
}
