package io.qdranthybrid.operator.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.qdranthybrid.crd.QdrantApi;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantVersion;
import io.qdranthybrid.crd.RebalanceStrategy;
import io.qdranthybrid.operator.cluster.ClusterObservation.ClaimObservation;
import io.qdranthybrid.operator.cluster.ClusterObservation.ConsensusObservation;
import io.qdranthybrid.operator.cluster.ClusterObservation.NodeObservation;
import io.qdranthybrid.operator.cluster.ClusterObservation.StatefulSetObservation;
import io.qdranthybrid.qdrant.ClusterInfo;
import io.qdranthybrid.qdrant.CollectionPlacement;
import io.qdranthybrid.qdrant.QdrantApiException;
import io.qdranthybrid.qdrant.QdrantClient;
import io.qdranthybrid.qdrant.ShardReplica;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

    /**
     * How long the StatefulSet controller may show fewer pods than replicas before its Events are read for the
     * reason. It writes its status before the pods it just created reach this cache (as kube-controller-manager's
     * first sync of a new set does), so without a grace every new cluster cost a LIST of Events.
     */
    static final Duration CREATION_GRACE = Duration.ofSeconds(2);

    private final ClusterReads reads;
    private final QdrantAccess qdrant;
    private final Clock clock;
    /** Per cluster, since when its StatefulSet's controller has seemed to miss pods. */
    private final Map<String, Instant> missingPodsSince = new java.util.concurrent.ConcurrentHashMap<>();
    /** Per cluster, the live pod template as JSON, so that it is serialised once per template. */
    private final Map<String, LiveTemplate> liveTemplates = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The live StatefulSet's pod template as JSON, for the StatefulSet it was read from: the template is spec, so a
     * new generation (or a new object) is what changes it. Keyed by them rather than by the object, so neither a
     * status update costs serialising it again nor is an outdated copy of the StatefulSet held.
     */
    private record LiveTemplate(String uid, long generation, JsonNode json) {
    }

    public ClusterObserver(ClusterReads reads, QdrantAccess qdrant) {
        this(reads, qdrant, Clock.systemUTC());
    }

    ClusterObserver(ClusterReads reads, QdrantAccess qdrant, Clock clock) {
        this.reads = reads;
        this.qdrant = qdrant;
        this.clock = clock;
    }

    public ClusterObservation observe(QdrantCluster cluster) {
        String namespace = cluster.getMetadata().getNamespace();
        ClusterNames names = new ClusterNames(cluster.getSpec().getId());
        String key = key(namespace, cluster.getMetadata().getName());
        Optional<StatefulSetObservation> sts = reads.statefulSet(namespace, names.statefulSet())
                .map(live -> statefulSet(live, liveTemplate(key, live)));
        List<PersistentVolumeClaim> claimList = reads.claims(namespace, names.selector());
        String wanted = wantedStorage(cluster);
        Map<String, Optional<Boolean>> classes = new HashMap<>();
        Map<Integer, ClaimObservation> claims = claims(claimList, names.databaseClaimTemplate(), names, wanted, classes);
        Map<Integer, ClaimObservation> snapshotClaims = claims(claimList, names.snapshotsClaimTemplate(), names, wanted,
                classes);
        List<Pod> pods = reads.pods(namespace, names.selector()).stream()
                .filter(p -> ordinal(p.getMetadata().getName(), names) >= 0)
                .sorted(Comparator.comparingInt(p -> ordinal(p.getMetadata().getName(), names)))
                .toList();

        List<NodeObservation> nodes = new ArrayList<>();
        QdrantAccess.Nodes clients = pods.isEmpty() ? null : qdrant.nodes(cluster);
        Map<Integer, ClusterInfo> answers = new LinkedHashMap<>();
        for (Pod pod : pods) {
            int ordinal = ordinal(pod.getMetadata().getName(), names);
            ClusterInfo info = null;
            if (isRunning(pod)) {
                try {
                    info = clients.node(ordinal).cluster();
                    answers.put(ordinal, info);
                } catch (QdrantApiException e) {
                    LOG.debug("{}/{}: node {} did not answer: {}", namespace, names.id(), ordinal, e.getMessage());
                }
            }
            nodes.add(new NodeObservation(ordinal, pod.getMetadata().getName(),
                    label(pod, REVISION_LABEL), isReady(pod), pod.getMetadata().getDeletionTimestamp() != null,
                    annotation(pod, QdrantApi.Annotations.RECREATE_NODE) != null, info == null ? null : info.peerId(),
                    restarts(pod), pod.getStatus() == null ? null : pod.getStatus().getPhase(), notReadyMessage(pod),
                    readySince(pod), info != null && info.leaderPeer().isPresent(), PodTrouble.of(pod).orElse(null)));
        }
        // Read consensus from a ready node that sees a leader: the lowest-numbered ready pod may be one cut off from
        // its peers (its /readyz stays 200) and hold a stale view. Without such a node, any ready one that answered.
        Optional<NodeObservation> reader = nodes.stream().filter(n -> n.ready() && !n.terminating() && n.inConsensus())
                .findFirst()
                .or(() -> nodes.stream().filter(n -> n.ready() && !n.terminating() && answers.containsKey(n.ordinal()))
                        .findFirst());
        Optional<ConsensusObservation> consensus = reader.flatMap(n -> consensus(clients, n.ordinal(), answers,
                sizeAware(cluster), namespace, names));
        String dbClass = cluster.getSpec().getStorageClassNames() == null ? null
                : cluster.getSpec().getStorageClassNames().getDb();
        Optional<Boolean> expandable = dbClass == null ? Optional.empty() : reads.storageClassExpandable(dbClass);
        List<QdrantVersion> releases = upgradePending(cluster) ? reads.knownReleases(namespace) : List.of();
        boolean missingPods = sts.isPresent() && pods.size() < sts.get().replicas()
                && controllerMissesPods(reads.statefulSet(namespace, names.statefulSet()), pods.size());
        List<String> creationErrors = missedLongEnough(key, missingPods)
                ? podCreationErrors(namespace, names.statefulSet(), pods) : List.of();
        return new ClusterObservation(cluster, sts, nodes, claims, consensus, releases, expandable, snapshotClaims,
                creationErrors);
    }

    private static String wantedStorage(QdrantCluster cluster) {
        var resources = cluster.getSpec().getResources();
        return resources != null && resources.getStorage() != null ? resources.getStorage()
                : DesiredStatefulSet.DEFAULT_STORAGE;
    }

    /**
     * The StatefulSet controller has seen the current spec and still counts fewer pods than replicas
     * (status.replicas, which it writes whether or not its pod creations succeed: stateful_set_control.go
     * performUpdate), and as many as are seen here: while it is creating them, its count lags behind the pods
     * seen or its generation is not observed yet, missing pods are just not created yet, and no Event is worth a
     * request.
     */
    private static boolean controllerMissesPods(Optional<StatefulSet> live, int podsSeen) {
        if (live.isEmpty() || live.get().getStatus() == null || live.get().getStatus().getObservedGeneration() == null) {
            return false;
        }
        StatefulSet set = live.get();
        long generation = set.getMetadata().getGeneration() == null ? 0 : set.getMetadata().getGeneration();
        int created = set.getStatus().getReplicas() == null ? 0 : set.getStatus().getReplicas();
        int wanted = set.getSpec().getReplicas() == null ? 0 : set.getSpec().getReplicas();
        return set.getStatus().getObservedGeneration() >= generation && created < wanted && created == podsSeen;
    }

    /** What the per-cluster memories are keyed by. */
    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    /** Whether pods have been missing for the {@link #CREATION_GRACE} at least, remembering since when. */
    private boolean missedLongEnough(String key, boolean missingPods) {
        if (!missingPods) {
            missingPodsSince.remove(key);
            return false;
        }
        Instant now = clock.instant();
        Instant since = missingPodsSince.computeIfAbsent(key, k -> now);
        return !now.isBefore(since.plus(CREATION_GRACE));
    }

    /** Why the StatefulSet controller could not create the missing pods, from its Events (see ClusterDiagnosis). */
    private List<String> podCreationErrors(String namespace, String statefulSet, List<Pod> pods) {
        String uid = reads.statefulSet(namespace, statefulSet).map(s -> s.getMetadata().getUid()).orElse(null);
        return ClusterDiagnosis.podCreationErrors(reads.events(namespace, "StatefulSet", statefulSet), uid, pods);
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

    private Optional<ConsensusObservation> consensus(QdrantAccess.Nodes clients, int readerOrdinal,
                                                     Map<Integer, ClusterInfo> answers, boolean sizeAware,
                                                     String namespace, ClusterNames names) {
        QdrantClient client = clients.node(readerOrdinal);
        ClusterInfo info = answers.get(readerOrdinal);
        try {
            List<CollectionPlacement> placements = new ArrayList<>();
            for (String collection : client.collections()) {
                placements.add(client.placement(collection));
            }
            if (sizeAware) {
                placements = withSizesFromEveryNode(placements, clients, readerOrdinal, answers, namespace, names);
            }
            // Settled only when a leader is known and every node that answered agrees on it: a node still electing
            // (leader 0) or cut off from the others means consensus is not whole.
            boolean agreed = info.leaderPeer().isPresent() && answers.values().stream()
                    .allMatch(other -> other.leaderPeer().equals(info.leaderPeer()));
            boolean settled = info.pendingOperations() == 0 && agreed;
            return Optional.of(new ConsensusObservation(info.peers().keySet(), settled, placements,
                    info.pendingOperations()));
        } catch (QdrantApiException e) {
            LOG.info("{}/{}: cannot read consensus from {}: {}", namespace, names.id(), client.baseUrl(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Whether the cluster's rebalancing weighs shards by size, which needs every node's point counts. */
    private static boolean sizeAware(QdrantCluster cluster) {
        RebalanceStrategy strategy = cluster.getSpec().getRebalanceStrategy();
        return strategy == null || strategy == RebalanceStrategy.BY_SIZE || strategy == RebalanceStrategy.BY_COUNT_AND_SIZE;
    }

    /**
     * A node reports point counts only for its own replicas ({@code local_shards}); every other replica it lists
     * without a size. Asks every other node in consensus for its local counts, so each shard's size is known.
     */
    private List<CollectionPlacement> withSizesFromEveryNode(List<CollectionPlacement> placements,
                                                             QdrantAccess.Nodes clients, int readerOrdinal,
                                                             Map<Integer, ClusterInfo> answers, String namespace,
                                                             ClusterNames names) {
        Map<String, Map<String, Long>> sizes = new HashMap<>();
        for (Map.Entry<Integer, ClusterInfo> node : answers.entrySet()) {
            if (node.getKey() == readerOrdinal || node.getValue().leaderPeer().isEmpty()) {
                continue;
            }
            QdrantClient other = clients.node(node.getKey());
            for (CollectionPlacement placement : placements) {
                try {
                    for (ShardReplica replica : other.placement(placement.collection()).on(node.getValue().peerId())) {
                        if (replica.pointsCount() != null) {
                            sizes.computeIfAbsent(placement.collection(), c -> new HashMap<>())
                                    .put(replica.shardId() + "@" + replica.peerId(), replica.pointsCount());
                        }
                    }
                } catch (QdrantApiException e) {
                    LOG.debug("{}/{}: no shard sizes from node {}: {}", namespace, names.id(), node.getKey(), e.getMessage());
                }
            }
        }
        List<CollectionPlacement> merged = new ArrayList<>();
        for (CollectionPlacement placement : placements) {
            Map<String, Long> known = sizes.getOrDefault(placement.collection(), Map.of());
            List<ShardReplica> replicas = placement.replicas().stream()
                    .map(r -> r.pointsCount() != null ? r : new ShardReplica(r.shardId(), r.peerId(), r.state(),
                            known.get(r.shardId() + "@" + r.peerId())))
                    .toList();
            merged.add(new CollectionPlacement(placement.collection(), placement.shardCount(), replicas,
                    placement.transfers()));
        }
        return merged;
    }

    /** Drops what is remembered about a deleted cluster. */
    public void forget(String namespace, String name) {
        liveTemplates.remove(key(namespace, name));
        missingPodsSince.remove(key(namespace, name));
    }

    private JsonNode liveTemplate(String key, StatefulSet live) {
        String uid = live.getMetadata().getUid();
        Long generation = live.getMetadata().getGeneration();
        LiveTemplate known = liveTemplates.get(key);
        if (known != null && generation != null && known.uid().equals(uid) && known.generation() == generation) {
            return known.json();
        }
        var json = PodTemplates.asJson(live.getSpec().getTemplate());
        if (uid != null && generation != null) {
            liveTemplates.put(key, new LiveTemplate(uid, generation, json));
        }
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

    /**
     * The claims of one volume claim template by ordinal. The StorageClass of a claim smaller than {@code wanted} is
     * looked up (once per class in {@code classes}), so a resize its class refuses is not attempted.
     */
    private Map<Integer, ClaimObservation> claims(List<PersistentVolumeClaim> list, String template, ClusterNames names,
                                                  String wanted, Map<String, Optional<Boolean>> classes) {
        Map<Integer, ClaimObservation> claims = new HashMap<>();
        String prefix = template + "-" + names.statefulSet() + "-";
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
            String storageClass = claim.getSpec().getStorageClassName();
            Boolean expandable = null;
            if (storageClass != null && requested != null && smaller(requested, wanted)) {
                expandable = classes.computeIfAbsent(storageClass, reads::storageClassExpandable).orElse(null);
            }
            if (expandable == null && annotation(claim, ClaimResizeRefusal.ANNOTATION) != null) {
                expandable = false; // refused before, and the class cannot be read to know better
            }
            List<PersistentVolumeClaimCondition> conditions = claim.getStatus() == null
                    || claim.getStatus().getConditions() == null ? List.of() : claim.getStatus().getConditions();
            List<PersistentVolumeClaimCondition> current = conditions.stream()
                    .filter(c -> !"False".equals(c.getStatus())).toList();
            ClusterObservation.Resize resize = ClusterObservation.Resize.of(
                    current.stream().map(PersistentVolumeClaimCondition::getType).toList());
            String resizeMessage = current.stream().filter(c -> ClusterObservation.Resize.of(List.of(c.getType())) == resize)
                    .map(PersistentVolumeClaimCondition::getMessage).filter(m -> m != null && !m.isEmpty())
                    .findFirst().orElse(null);
            claims.put(ordinal, new ClaimObservation(name, requested == null ? null : requested.toString(),
                    capacity == null ? null : capacity.toString(), annotation(claim, REMOVED_PEER) != null,
                    storageClass, expandable, resize, resizeMessage));
        }
        return claims;
    }

    private static boolean smaller(Quantity requested, String wanted) {
        try {
            return Quantity.getAmountInBytes(requested).compareTo(Quantity.getAmountInBytes(new Quantity(wanted))) < 0;
        } catch (IllegalArgumentException | ArithmeticException unreadable) {
            return false; // the lifecycle refuses an unreadable size with a message
        }
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
