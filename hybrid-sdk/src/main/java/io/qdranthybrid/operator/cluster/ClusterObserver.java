package io.qdranthybrid.operator.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.qdranthybrid.crd.QdrantApi;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantVersion;
import io.qdranthybrid.operator.cluster.ClusterObservation.ClaimObservation;
import io.qdranthybrid.operator.cluster.ClusterObservation.ConsensusObservation;
import io.qdranthybrid.operator.cluster.ClusterObservation.NodeObservation;
import io.qdranthybrid.operator.cluster.ClusterObservation.StatefulSetObservation;
import io.qdranthybrid.qdrant.ClusterInfo;
import io.qdranthybrid.qdrant.CollectionPlacement;
import io.qdranthybrid.qdrant.QdrantApiException;
import io.qdranthybrid.qdrant.QdrantClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds a {@link ClusterObservation}: Kubernetes objects from the caches, consensus and shards from the nodes. */
public final class ClusterObserver {

    /** Label the StatefulSet controller puts on pods with their template revision. */
    public static final String REVISION_LABEL = "controller-revision-hash";
    /** PVC annotation marking a volume whose peer was removed from consensus. */
    public static final String REMOVED_PEER = "qdranthybrid.io/removed-peer";

    private static final Logger LOG = LoggerFactory.getLogger(ClusterObserver.class);

    private final ClusterReads reads;
    private final QdrantAccess qdrant;
    /** The live pod template as JSON, per StatefulSet object seen: caches hand out the same object until it changes. */
    private final Map<String, LiveTemplate> liveTemplates = new java.util.concurrent.ConcurrentHashMap<>();

    private record LiveTemplate(StatefulSet source, JsonNode json) {
    }

    public ClusterObserver(ClusterReads reads, QdrantAccess qdrant) {
        this.reads = reads;
        this.qdrant = qdrant;
    }

    public ClusterObservation observe(QdrantCluster cluster) {
        String namespace = cluster.getMetadata().getNamespace();
        ClusterNames names = new ClusterNames(cluster.getSpec().getId());
        Optional<StatefulSetObservation> sts = reads.statefulSet(namespace, names.statefulSet())
                .map(live -> statefulSet(live, liveTemplate(namespace + "/" + cluster.getMetadata().getName(), live)));
        Map<Integer, ClaimObservation> claims = claims(reads.claims(namespace, names.selector()), names);
        List<Pod> pods = reads.pods(namespace, names.selector()).stream()
                .filter(p -> ordinal(p.getMetadata().getName(), names) >= 0)
                .sorted(Comparator.comparingInt(p -> ordinal(p.getMetadata().getName(), names)))
                .toList();

        List<NodeObservation> nodes = new ArrayList<>();
        QdrantAccess.Nodes clients = pods.isEmpty() ? null : qdrant.nodes(cluster);
        QdrantClient answering = null;
        ClusterInfo answered = null;
        for (Pod pod : pods) {
            int ordinal = ordinal(pod.getMetadata().getName(), names);
            boolean ready = isReady(pod);
            Long peerId = null;
            if (isRunning(pod)) {
                QdrantClient client = clients.node(ordinal);
                try {
                    ClusterInfo info = client.cluster();
                    peerId = info.peerId();
                    if (answering == null && ready) {
                        answering = client;
                        answered = info; // its view of consensus too: no second request for it
                    }
                } catch (QdrantApiException e) {
                    LOG.debug("{}/{}: node {} did not answer: {}", namespace, names.id(), ordinal, e.getMessage());
                }
            }
            nodes.add(new NodeObservation(ordinal, pod.getMetadata().getName(),
                    label(pod, REVISION_LABEL), ready, pod.getMetadata().getDeletionTimestamp() != null,
                    annotation(pod, QdrantApi.Annotations.RECREATE_NODE) != null, peerId, restarts(pod),
                    pod.getStatus() == null ? null : pod.getStatus().getPhase(), notReadyMessage(pod), readySince(pod)));
        }
        Optional<ConsensusObservation> consensus = answering == null ? Optional.empty()
                : consensus(answering, answered, namespace, names);
        String dbClass = cluster.getSpec().getStorageClassNames() == null ? null
                : cluster.getSpec().getStorageClassNames().getDb();
        Optional<Boolean> expandable = dbClass == null ? Optional.empty() : reads.storageClassExpandable(dbClass);
        List<QdrantVersion> releases = upgradePending(cluster) ? reads.knownReleases(namespace) : List.of();
        return new ClusterObservation(cluster, sts, nodes, claims, consensus, releases, expandable);
    }

    /**
     * Whether the cluster runs another version than its spec asks for: only then does the lifecycle walk an upgrade
     * path over the known releases. Listing them on every reconcile cost one API request each (most LISTs while
     * clusters were created).
     */
    static boolean upgradePending(QdrantCluster cluster) {
        String running = cluster.getStatus() == null ? null : cluster.getStatus().getVersion();
        return running != null && !running.equals(cluster.getSpec().getVersion());
    }

    private Optional<ConsensusObservation> consensus(QdrantClient client, ClusterInfo info, String namespace,
                                                     ClusterNames names) {
        try {
            List<CollectionPlacement> placements = new ArrayList<>();
            for (String collection : client.collections()) {
                placements.add(client.placement(collection));
            }
            boolean settled = info.pendingOperations() == 0 && info.leaderPeer().isPresent();
            return Optional.of(new ConsensusObservation(info.peers().keySet(), settled, placements));
        } catch (QdrantApiException e) {
            LOG.info("{}/{}: cannot read consensus from {}: {}", namespace, names.id(), client.baseUrl(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Drops what is remembered about a deleted cluster. */
    public void forget(String namespace, String name) {
        liveTemplates.remove(namespace + "/" + name);
    }

    private JsonNode liveTemplate(String key, StatefulSet live) {
        LiveTemplate known = liveTemplates.get(key);
        if (known != null && known.source() == live) {
            return known.json();
        }
        var json = PodTemplates.asJson(live.getSpec().getTemplate());
        liveTemplates.put(key, new LiveTemplate(live, json));
        return json;
    }

    private static StatefulSetObservation statefulSet(StatefulSet sts, JsonNode podTemplate) {
        long generation = sts.getMetadata().getGeneration() == null ? 0 : sts.getMetadata().getGeneration();
        Long observed = sts.getStatus() == null ? null : sts.getStatus().getObservedGeneration();
        String storage = sts.getSpec().getVolumeClaimTemplates().stream()
                .filter(c -> c.getMetadata().getName().equals(new ClusterNames("x").databaseClaimTemplate()))
                .findFirst()
                .map(c -> c.getSpec().getResources().getRequests().get("storage"))
                .map(Quantity::toString).orElse(null);
        return new StatefulSetObservation(sts.getSpec().getReplicas() == null ? 0 : sts.getSpec().getReplicas(),
                observed != null && observed >= generation,
                sts.getStatus() == null ? null : sts.getStatus().getUpdateRevision(), storage, podTemplate);
    }

    private static Map<Integer, ClaimObservation> claims(List<PersistentVolumeClaim> list, ClusterNames names) {
        Map<Integer, ClaimObservation> claims = new HashMap<>();
        String prefix = names.databaseClaimTemplate() + "-" + names.statefulSet() + "-";
        for (PersistentVolumeClaim claim : list) {
            String name = claim.getMetadata().getName();
            if (!name.startsWith(prefix) || claim.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            int ordinal;
            try {
                ordinal = Integer.parseInt(name.substring(prefix.length()));
            } catch (NumberFormatException notOurs) {
                continue;
            }
            Quantity requested = claim.getSpec().getResources() == null || claim.getSpec().getResources().getRequests() == null
                    ? null : claim.getSpec().getResources().getRequests().get("storage");
            Quantity capacity = claim.getStatus() == null || claim.getStatus().getCapacity() == null
                    ? null : claim.getStatus().getCapacity().get("storage");
            claims.put(ordinal, new ClaimObservation(name, requested == null ? null : requested.toString(),
                    capacity == null ? null : capacity.toString(), annotation(claim, REMOVED_PEER) != null));
        }
        return claims;
    }

    static int ordinal(String podName, ClusterNames names) {
        String prefix = names.statefulSet() + "-";
        if (!podName.startsWith(prefix)) {
            return -1;
        }
        try {
            return Integer.parseInt(podName.substring(prefix.length()));
        } catch (NumberFormatException notAnOrdinal) {
            return -1;
        }
    }

    private static boolean isReady(Pod pod) {
        return readyCondition(pod).isPresent();
    }

    /** The pod's Ready condition, when it is True. */
    private static Optional<PodCondition> readyCondition(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getConditions().stream()
                .filter(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())).findFirst();
    }

    private static Instant readySince(Pod pod) {
        String since = readyCondition(pod).map(PodCondition::getLastTransitionTime).orElse(null);
        try {
            return since == null ? null : Instant.parse(since);
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }

    private static boolean isRunning(Pod pod) {
        return pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())
                && pod.getMetadata().getDeletionTimestamp() == null;
    }

    private static int restarts(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return 0;
        }
        return pod.getStatus().getContainerStatuses().stream().mapToInt(ContainerStatus::getRestartCount).sum();
    }

    private static String notReadyMessage(Pod pod) {
        if (pod.getStatus() == null) {
            return null;
        }
        if (pod.getStatus().getContainerStatuses() != null) {
            for (ContainerStatus status : pod.getStatus().getContainerStatuses()) {
                if (status.getState() != null && status.getState().getWaiting() != null) {
                    var waiting = status.getState().getWaiting();
                    return waiting.getReason() + (waiting.getMessage() == null ? "" : ": " + waiting.getMessage());
                }
            }
        }
        if (pod.getStatus().getConditions() != null) {
            for (var condition : pod.getStatus().getConditions()) {
                if ("PodScheduled".equals(condition.getType()) && "False".equals(condition.getStatus())) {
                    return condition.getReason() + ": " + condition.getMessage();
                }
            }
        }
        return pod.getStatus().getMessage();
    }

    private static String label(io.fabric8.kubernetes.api.model.HasMetadata object, String key) {
        return object.getMetadata().getLabels() == null ? null : object.getMetadata().getLabels().get(key);
    }

    private static String annotation(io.fabric8.kubernetes.api.model.HasMetadata object, String key) {
        return object.getMetadata().getAnnotations() == null ? null : object.getMetadata().getAnnotations().get(key);
    }
}
