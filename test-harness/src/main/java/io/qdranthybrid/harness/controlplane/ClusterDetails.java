package io.qdranthybrid.harness.controlplane;

import io.qdranthybrid.operator.cluster.ClusterNames;
import io.qdranthybrid.platform.sink.InMemoryTelemetrySink;
import io.qdranthybrid.protocol.message.KubernetesEvent;
import io.qdranthybrid.protocol.message.ResourceStatus;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a cluster's page shows beyond its {@link ClusterView}: its nodes from the last reported status, and the
 * Kubernetes events the agent forwarded about its objects, its backups and restores into it. Read-only.
 */
final class ClusterDetails {

    /** The most events a page lists; the newest are kept. */
    static final int MAX_EVENTS = 30;
    /** Kinds named after a node: the pod itself, its per-node Service and its volume claims. */
    private static final Set<String> PER_NODE_KINDS = Set.of("Pod", "Service", "PersistentVolumeClaim");
    /** Kinds whose objects belong to a cluster by their spec, not their name: its backups and restores into it. */
    private static final Set<String> BACKUP_KINDS = Set.of("QdrantClusterSnapshot", "QdrantClusterRestore");

    private final ControlPlaneContext context;
    private final Clusters clusters;
    private final Backups backups;
    private final InMemoryTelemetrySink telemetry;

    ClusterDetails(ControlPlaneContext context, Clusters clusters, Backups backups, InMemoryTelemetrySink telemetry) {
        this.context = context;
        this.clusters = clusters;
        this.backups = backups;
        this.telemetry = telemetry;
    }

    /** @throws NotFoundException for an unknown environment or cluster */
    List<NodeView> nodes(String environmentId, String clusterId) {
        clusters.get(environmentId, clusterId);
        return context.statuses().store()
                .latest(environmentId, Clusters.key(context.desired(environmentId), clusterId))
                .map(ResourceStatus::status)
                .filter(status -> !status.path("deleted").asBoolean(false))
                .map(NodeView::fromStatus).orElse(List.of());
    }

    /** Newest first, at most {@value #MAX_EVENTS}. @throws NotFoundException for an unknown environment or cluster */
    List<EventView> events(String environmentId, String clusterId) {
        clusters.get(environmentId, clusterId);
        Set<String> backupsAndRestores = new HashSet<>();
        backups.listBackups(environmentId).stream().filter(b -> b.clusterId().equals(clusterId))
                .forEach(b -> backupsAndRestores.add(b.name()));
        backups.listRestores(environmentId).stream().filter(r -> r.destinationClusterId().equals(clusterId))
                .forEach(r -> backupsAndRestores.add(r.name()));
        return telemetry.recentEvents(environmentId).stream()
                .filter(event -> concerns(clusterId, event) || (BACKUP_KINDS.contains(event.involvedKind())
                        && backupsAndRestores.contains(event.involvedName())))
                .sorted(Comparator.comparing(KubernetesEvent::at).reversed())
                .limit(MAX_EVENTS).map(EventView::of).toList();
    }

    /**
     * Whether an event is about one of the cluster's objects, by the names the operator gives them
     * ({@link ClusterNames}): {@code qdrant-<id>} for the cluster and its StatefulSet, Service, ConfigMap, PDB;
     * {@code qdrant-<id>-<n>} for pods and per-node Services; {@code <template>-qdrant-<id>-<n>} for volume claims.
     */
    static boolean concerns(String clusterId, KubernetesEvent event) {
        ClusterNames names = new ClusterNames(clusterId);
        String name = event.involvedName();
        if (name.equals(names.statefulSet()) || name.equals(names.headlessService())) {
            return true;
        }
        if (!PER_NODE_KINDS.contains(event.involvedKind())) {
            return false;
        }
        String node = Pattern.quote(names.statefulSet()) + "-\\d+";
        return name.matches(node) || name.matches("(" + Pattern.quote(names.databaseClaimTemplate()) + "|"
                + Pattern.quote(names.snapshotsClaimTemplate()) + ")-" + node);
    }
}
