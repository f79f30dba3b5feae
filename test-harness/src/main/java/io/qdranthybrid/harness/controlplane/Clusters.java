package io.qdranthybrid.harness.controlplane;


import com.fasterxml.jackson.databind.JsonNode;
import io.qdranthybrid.crd.QdrantApi;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterSpec;
import io.qdranthybrid.crd.QdrantVersion;
import io.qdranthybrid.crd.Resources;
import io.qdranthybrid.crd.validation.QdrantClusterValidator;
import io.qdranthybrid.crd.validation.Violation;
import io.qdranthybrid.platform.desired.DesiredStateStore;
import io.qdranthybrid.platform.environment.DesiredProgress;
import io.qdranthybrid.platform.environment.Environment;
import io.qdranthybrid.platform.environment.ForceDeletePolicy;
import io.qdranthybrid.platform.environment.Staleness;
import io.qdranthybrid.platform.session.AgentSession;
import io.qdranthybrid.protocol.message.DesiredResource;
import io.qdranthybrid.protocol.message.ResourceKey;
import io.qdranthybrid.protocol.message.ResourceKind;
import io.qdranthybrid.protocol.message.ResourceStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Clusters of an environment. Every change is validated like the operator would (size 1..100, versions vX.Y.Z one
 * minor step at a time, storage that only grows) and then stored as the desired QdrantCluster, which the gateway
 * pushes to the environment's agent now or when it reconnects. The desired state store is the only record of what
 * was asked for; statuses come from what the agent reports.
 */
public final class Clusters {

    private final ControlPlaneContext context;
    private final Releases releases;
    private final QdrantClusterValidator validator = new QdrantClusterValidator();
    /**
     * Clusters deleted here whose objects the agent has not reported gone, per environment and cluster id: shown as
     * {@value ClusterView#DELETING} meanwhile, instead of vanishing while their pods still run.
     */
    private final Map<String, Map<String, Deletion>> deleting = new ConcurrentHashMap<>();
    /** In-place restores under way, per environment and cluster id: why the desired spec is about to change. */
    private final Map<String, Map<String, String>> restoring = new ConcurrentHashMap<>();

    /** @param revision the environment revision that removed the cluster from the desired state */
    private record Deletion(DesiredResource lastDesired, long revision, Instant at) {
    }

    /** Environments being deleted: no cluster may be created there. */
    private final java.util.function.Predicate<String> retiring;

    Clusters(ControlPlaneContext context, Releases releases, java.util.function.Predicate<String> retiring) {
        this.context = context;
        this.releases = releases;
        this.retiring = retiring;
        context.statuses().addObserver(this::statusReported);
    }

    /**
     * @throws NotFoundException       for an unknown environment
     * @throws InvalidRequestException for a bad id, size, version, resource quantity or config
     * @throws UnprocessableRequestException for a version the release catalogue does not offer
     * @throws ConflictException       when the environment already has a cluster with this id
     */
    public synchronized ClusterView create(String environmentId, NewCluster request) {
        Environment environment = context.requireEnvironment(environmentId);
        if (retiring.test(environmentId)) {
            throw new ConflictException("environment " + environmentId + " is being deleted; no cluster can be created"
                    + " in it");
        }
        if (request == null || request.id() == null || request.id().isBlank()) {
            throw new InvalidRequestException("a cluster to create needs an id");
        }
        QdrantCluster cluster = ClusterManifests.newCluster(request, environment.namespace(),
                context.settings().customerId());
        requireValid(request.id(), validator.validate(cluster.getSpec()));
        releases.requireOffered(request.version());
        DesiredStateStore store = context.stores().forEnvironment(environmentId);
        if (store.get(key(store, request.id())).isPresent()) {
            throw new ConflictException("environment " + environmentId + " already has a cluster " + request.id());
        }
        store.put(key(store, request.id()), ClusterManifests.toJson(cluster));
        deletions(environmentId).remove(request.id());
        context.events().publish(ControlPlaneEvent.Type.CLUSTER_CREATED, environmentId, request.id(),
                request.nodes() + " nodes of " + request.version());
        return get(environmentId, request.id());
    }

    public List<ClusterView> list(String environmentId) {
        DesiredStateStore store = context.desired(environmentId);
        List<ClusterView> clusters = new ArrayList<>();
        for (ResourceKey key : store.keys()) {
            if (key.kind() == ResourceKind.CLUSTER) {
                store.get(key).ifPresent(resource -> clusters.add(view(environmentId, resource)));
            }
        }
        for (Map.Entry<String, Deletion> deletion : stillDeleting(environmentId).entrySet()) {
            clusters.add(deletingView(environmentId, deletion.getValue()));
        }
        return clusters;
    }

    /**
     * A cluster, or one deleted whose objects are not reported gone yet (phase {@value ClusterView#DELETING}).
     *
     * @throws NotFoundException for an unknown environment or cluster
     */
    public ClusterView get(String environmentId, String clusterId) {
        DesiredStateStore store = context.desired(environmentId);
        Deletion deletion = clusterId == null ? null : stillDeleting(environmentId).get(clusterId);
        if (deletion != null && store.get(key(store, clusterId)).isEmpty()) {
            return deletingView(environmentId, deletion);
        }
        return view(environmentId, require(store, environmentId, clusterId));
    }

    /** The ids a message about this environment may name its clusters by, deleted ones included. */
    Set<String> knownIds(String environmentId) {
        Set<String> ids = new LinkedHashSet<>(deleting.getOrDefault(environmentId, Map.of()).keySet());
        context.stores().existing(environmentId).ifPresent(store -> store.keys().stream()
                .filter(key -> key.kind() == ResourceKind.CLUSTER)
                .forEach(key -> ids.add(ClusterManifests.clusterIdOf(key.name()))));
        return ids;
    }

    /** The versions to ask for in turn to bring the cluster from the version it asks for now to {@code to}. */
    public UpgradePathView upgradePath(String environmentId, String clusterId, String to) {
        return releases.upgradePath(clusterId, desired(environmentId, clusterId).getSpec().getVersion(), to);
    }

    /** The QdrantCluster as last sent to the agent. */
    public QdrantCluster desired(String environmentId, String clusterId) {
        DesiredStateStore store = context.desired(environmentId);
        return ClusterManifests.fromJson(require(store, environmentId, clusterId).manifestIfPresent().orElseThrow());
    }

    public ClusterView scale(String environmentId, String clusterId, int nodes) {
        return change(environmentId, clusterId, "scaled to " + nodes + " nodes", c -> c.getSpec().setSize(nodes));
    }

    /**
     * @throws UnprocessableRequestException for a version the release catalogue does not offer
     * @throws InvalidRequestException       for a jump over a minor version, naming the versions to ask for in turn
     */
    public ClusterView changeVersion(String environmentId, String clusterId, String version) {
        String current = desired(environmentId, clusterId).getSpec().getVersion();
        Optional<QdrantVersion> from = QdrantVersion.parse(current);
        Optional<QdrantVersion> to = QdrantVersion.parse(version);
        // A malformed version or a downgrade across minors is the validator's to explain, whatever the catalogue says.
        if (from.isPresent() && to.isPresent() && !from.get().downgradesMinorVersionTo(to.get())) {
            releases.requireOffered(version);
            releases.requireNoSkippedMinor(clusterId, current, version);
        }
        return change(environmentId, clusterId, "version " + version, c -> c.getSpec().setVersion(version));
    }

    /** Changes per-node CPU, memory and storage; a null keeps the current value. Storage can only grow. */
    public ClusterView changeResources(String environmentId, String clusterId, String cpu, String memory, String storage) {
        if (cpu == null && memory == null && storage == null) {
            throw new InvalidRequestException("give at least one of cpu, memory and storage to change");
        }
        return change(environmentId, clusterId, "resources " + describe(cpu, memory, storage), c -> {
            Resources resources = c.getSpec().getResources() == null ? new Resources() : c.getSpec().getResources();
            if (cpu != null) {
                resources.setCpu(cpu);
            }
            if (memory != null) {
                resources.setMemory(memory);
            }
            if (storage != null) {
                resources.setStorage(storage);
            }
            c.getSpec().setResources(resources);
        });
    }

    /** Replaces the Qdrant configuration ({@code spec.config}); the operator rolls the nodes to apply it. */
    public ClusterView changeConfig(String environmentId, String clusterId, JsonNode config) {
        var parsed = ClusterManifests.config(config);
        return change(environmentId, clusterId, "configuration changed", c -> c.getSpec().setConfig(parsed));
    }

    /** Restarts every node, by setting the {@code restartedAt} annotation to now. */
    public ClusterView restart(String environmentId, String clusterId) {
        String now = context.clock().instant().toString();
        return change(environmentId, clusterId, "restart requested at " + now, c -> {
            Map<String, String> annotations = c.getMetadata().getAnnotations() == null
                    ? new LinkedHashMap<>() : new LinkedHashMap<>(c.getMetadata().getAnnotations());
            annotations.put(QdrantApi.Annotations.RESTARTED_AT, now);
            c.getMetadata().setAnnotations(annotations);
        });
    }

    /** Stops every node and keeps the volumes ({@code spec.suspend}). */
    public ClusterView suspend(String environmentId, String clusterId) {
        return change(environmentId, clusterId, "suspend", c -> c.getSpec().setSuspend(true));
    }

    public ClusterView resume(String environmentId, String clusterId) {
        return change(environmentId, clusterId, "resume", c -> c.getSpec().setSuspend(false));
    }

    /**
     * Deletes the cluster and its backup schedules; backups already taken stay until deleted. The cluster stays listed
     * as {@value ClusterView#DELETING} until the agent reports its objects gone.
     *
     * @throws ConflictException when the cluster reads {@value ClusterView#UNKNOWN} (its agent is gone): only a forced
     *                           delete can remove it then
     */
    public void delete(String environmentId, String clusterId) {
        delete(environmentId, clusterId, false);
    }

    /**
     * Deletes the cluster; with {@code force}, only while it reads {@value ClusterView#UNKNOWN}, the record goes at once
     * without waiting for the agent, as the hosted product's {@code DeleteCluster.force}. Nothing is sent to the
     * customer's cluster now; if the agent comes back, the cluster is no longer in its desired state and it deletes the
     * QdrantCluster then (level-triggered, like any other removal).
     *
     * @return what a forced delete left behind; empty for a plain delete
     * @throws ConflictException when the agent is gone and {@code force} is false, or {@code force} is true while the
     *                           agent is not stale
     */
    public synchronized Optional<ForcedDeletion> delete(String environmentId, String clusterId, boolean force) {
        DesiredStateStore store = context.desired(environmentId);
        boolean alreadyDeleting = clusterId != null && store.get(key(store, clusterId)).isEmpty()
                && deletions(environmentId).containsKey(clusterId);
        Environment environment = context.requireEnvironment(environmentId);
        Staleness staleness = context.staleness(environment);
        if (force) {
            if (!alreadyDeleting) {
                require(store, environmentId, clusterId);
            }
            refuseIf(ForceDeletePolicy.refuseForcedDelete("cluster " + clusterId, staleness));
            return Optional.of(forceDelete(environment, clusterId, store));
        }
        if (alreadyDeleting) {
            return Optional.empty(); // already on its way out: deleting twice is one delete
        }
        DesiredResource resource = require(store, environmentId, clusterId);
        refuseIf(ForceDeletePolicy.refusePlainDelete("cluster " + clusterId, environment, staleness));
        removeSchedules(environmentId, clusterId, store);
        store.delete(resource.key());
        deletions(environmentId).put(clusterId, new Deletion(resource, store.revision(), context.clock().instant()));
        context.events().publish(ControlPlaneEvent.Type.CLUSTER_DELETED, environmentId, clusterId,
                "Deleting until the agent reports its objects gone");
        return Optional.empty();
    }

    private ForcedDeletion forceDelete(Environment environment, String clusterId, DesiredStateStore store) {
        String environmentId = environment.id();
        removeSchedules(environmentId, clusterId, store);
        store.get(key(store, clusterId)).ifPresent(resource -> store.delete(resource.key()));
        deletions(environmentId).remove(clusterId);
        String leftovers = ForceDeletePolicy.clusterLeftovers(environment.namespace(), clusterId,
                ClusterManifests.clusterName(clusterId));
        context.events().publish(ControlPlaneEvent.Type.CLUSTER_FORCE_DELETED, environmentId, clusterId, leftovers);
        return new ForcedDeletion(environmentId, clusterId, environment.namespace(), leftovers);
    }

    static void refuseIf(Optional<String> refusal) {
        if (refusal.isPresent()) {
            throw new ConflictException(refusal.get());
        }
    }

    private void removeSchedules(String environmentId, String clusterId, DesiredStateStore store) {
        for (ResourceKey schedule : BackupManifests.schedulesOf(store, clusterId)) {
            store.delete(schedule);
            context.events().publish(ControlPlaneEvent.Type.SCHEDULE_DELETED, environmentId, schedule.name(),
                    "its cluster " + clusterId + " was deleted");
        }
    }

    /** The agent reported a deleted cluster's object gone: it leaves the list. */
    private void statusReported(String environmentId, ResourceStatus status) {
        if (status.key().kind() != ResourceKind.CLUSTER || !status.status().path("deleted").asBoolean(false)) {
            return;
        }
        String clusterId = ClusterManifests.clusterIdOf(status.key().name());
        if (deletions(environmentId).remove(clusterId) != null) {
            context.events().publish(ControlPlaneEvent.Type.CLUSTER_REMOVED, environmentId, clusterId,
                    "the agent reports its objects gone");
        }
    }

    private Map<String, Deletion> deletions(String environmentId) {
        return deleting.computeIfAbsent(environmentId, id -> new ConcurrentHashMap<>());
    }

    /**
     * The deletions still under way. One the agent never reported (or last reported gone, before a re-create) is over
     * once the agent confirmed the deletion, or at once when no agent ever contacted the environment: nothing of it
     * was created.
     */
    private Map<String, Deletion> stillDeleting(String environmentId) {
        Map<String, Deletion> deletions = deletions(environmentId);
        if (deletions.isEmpty()) {
            return deletions;
        }
        long acknowledged = context.gateway().sessionOf(environmentId).map(AgentSession::acknowledgedRevision).orElse(0L);
        boolean neverContacted = context.registry().find(environmentId).map(e -> e.lastContactAt() == null).orElse(true);
        deletions.entrySet().removeIf(entry -> (neverContacted || acknowledged >= entry.getValue().revision())
                && context.statuses().store().latest(environmentId, entry.getValue().lastDesired().key())
                .map(reported -> reported.status().path("deleted").asBoolean(false)).orElse(true));
        return deletions;
    }

    /** @throws InvalidRequestException when {@code clusterId} cannot name a cluster's Kubernetes objects */
    void requireValidId(String clusterId) {
        QdrantClusterSpec probe = new QdrantClusterSpec();
        probe.setId(clusterId);
        requireValid(clusterId, validator.validate(probe).stream().filter(v -> v.field().equals("spec.id")).toList());
    }

    /** An in-place restore into the cluster runs: its view is pending, saying so, until {@link #restoreEnded}. */
    void restoring(String environmentId, String clusterId, String why) {
        restoring.computeIfAbsent(environmentId, e -> new ConcurrentHashMap<>()).put(clusterId, why);
    }

    void restoreEnded(String environmentId, String clusterId) {
        restoring.getOrDefault(environmentId, Map.of()).remove(clusterId);
    }

    /** Stores a cluster made elsewhere (a restore into a new cluster) as desired, so it is managed from now on. */
    synchronized void adopt(String environmentId, QdrantCluster cluster, String why) {
        DesiredStateStore store = context.desired(environmentId);
        String id = cluster.getSpec().getId();
        boolean known = store.get(key(store, id)).isPresent();
        store.put(key(store, id), ClusterManifests.toJson(cluster));
        deletions(environmentId).remove(id);
        context.events().publish(known ? ControlPlaneEvent.Type.CLUSTER_CHANGED : ControlPlaneEvent.Type.CLUSTER_CREATED,
                environmentId, id, why);
    }

    private synchronized ClusterView change(String environmentId, String clusterId, String what,
                                            Consumer<QdrantCluster> change) {
        DesiredStateStore store = context.desired(environmentId);
        QdrantCluster current = ClusterManifests.fromJson(require(store, environmentId, clusterId)
                .manifestIfPresent().orElseThrow());
        QdrantCluster changed = ClusterManifests.copy(current);
        change.accept(changed);
        requireValid(clusterId, validator.validateUpdate(current.getSpec(), changed.getSpec()));
        store.put(key(store, clusterId), ClusterManifests.toJson(changed));
        context.events().publish(ControlPlaneEvent.Type.CLUSTER_CHANGED, environmentId, clusterId, what);
        return get(environmentId, clusterId);
    }

    private ClusterView view(String environmentId, DesiredResource resource) {
        return view(environmentId, resource, resource.revision(), null);
    }

    private ClusterView deletingView(String environmentId, Deletion deletion) {
        return view(environmentId, deletion.lastDesired(), deletion.revision(), deletion);
    }

    /**
     * @param revision the revision the agent has to apply: the last change, or the deletion
     * @param deletion the deletion under way, null for a desired cluster
     */
    private ClusterView view(String environmentId, DesiredResource resource, long revision, Deletion deletion) {
        QdrantCluster desired = ClusterManifests.fromJson(resource.manifestIfPresent().orElseThrow());
        QdrantClusterSpec spec = desired.getSpec();
        Optional<ResourceStatus> reported = context.statuses().store().latest(environmentId, resource.key())
                .filter(s -> !s.status().path("deleted").asBoolean(false));
        JsonNode status = reported.map(ResourceStatus::status).orElse(null);
        Resources resources = spec.getResources() == null ? new Resources() : spec.getResources();
        Map<String, String> annotations = desired.getMetadata().getAnnotations();
        List<ClusterCondition> conditions = new ArrayList<>();
        if (status != null) {
            for (JsonNode condition : status.path("conditions")) {
                conditions.add(new ClusterCondition(condition.path("type").asText(""),
                        condition.path("status").asText(""), condition.path("reason").asText(""),
                        condition.path("message").asText("")));
            }
        }
        long reportedRevision = reported.map(ResourceStatus::observedRevision).orElse(0L);
        String rejection = context.statuses().store().rejections(environmentId).stream()
                .filter(r -> r.key().equals(resource.key()) && r.revision() >= revision).findFirst()
                .map(r -> RestVocabulary.speak(r.reason() + " " + r.message(), knownIds(environmentId))).orElse(null);
        DesiredProgress progress = DesiredProgress.of(revision, reportedRevision,
                context.gateway().presence(environmentId),
                context.gateway().sessionOf(environmentId).map(AgentSession::acknowledgedRevision).orElse(0L), rejection);
        String operatorPhase = text(status, "phase");
        int nodesReady = status == null ? 0 : status.path("availableNodes").asInt(0);
        int runningNodes = status == null ? 0 : status.path("currentNodes").asInt(nodesReady);
        // A restore replaces the desired spec when it succeeds: until then the spec shown is not what will run.
        String restore = deletion == null ? restoring.getOrDefault(environmentId, Map.of()).get(spec.getId()) : null;
        boolean pending = progress.pending() || restore != null;
        String why = restore == null ? progress.why() : progress.pending() ? restore + "; " + progress.why() : restore;
        String summary = ClusterSummary.of(operatorPhase, nodesReady, runningNodes, text(status, "version"),
                spec.getSize(), spec.getVersion(), deletion != null, pending, why);
        String phase = deletion == null ? operatorPhase : ClusterView.DELETING;
        String reason = deletion == null ? text(status, "reason") : "deleted at " + deletion.at()
                + "; waiting for the agent to report its objects gone";
        Staleness staleness = context.registry().find(environmentId).map(context::staleness).orElse(null);
        if (staleness != null && staleness.stale() && staleness.everHeard()) {
            // The hosted product's ClusterPhase.UNKNOWN: what was last reported may no longer be true.
            reason = ForceDeletePolicy.unknownReason(phase, reason, staleness);
            phase = ClusterView.UNKNOWN;
        }
        return new ClusterView(spec.getId(), environmentId, desired.getMetadata().getName(), phase, reason,
                nodesReady, spec.getSize(), spec.getVersion(),
                text(status, "version"), resources.getCpu(), resources.getMemory(), resources.getStorage(),
                Boolean.TRUE.equals(spec.getSuspend()),
                annotations == null ? "" : annotations.getOrDefault(QdrantApi.Annotations.RESTARTED_AT, ""),
                conditions, revision, reportedRevision, pending, why, runningNodes,
                ClusterView.UNKNOWN.equals(phase) ? ClusterView.UNKNOWN + ": " + reason : summary,
                releases.endOfLife(spec.getVersion()), deletion == null ? releases.nextUpgrade(spec.getVersion()) : "");
    }

    private static String text(JsonNode status, String field) {
        return status == null ? "" : status.path(field).asText("");
    }

    private DesiredResource require(DesiredStateStore store, String environmentId, String clusterId) {
        if (clusterId == null || clusterId.isBlank()) {
            throw new InvalidRequestException("a cluster id is required");
        }
        Optional<DesiredResource> resource = store.get(key(store, clusterId));
        if (resource.isEmpty() && deletions(environmentId).containsKey(clusterId)) {
            throw new ConflictException("cluster " + clusterId + " is being deleted; wait until it is gone from the"
                    + " list, or create a new cluster with this id");
        }
        return resource.orElseThrow(() -> new NotFoundException(
                "no cluster " + clusterId + " in environment " + environmentId));
    }

    static ResourceKey key(DesiredStateStore store, String clusterId) {
        return store.key(ResourceKind.CLUSTER, ClusterManifests.clusterName(clusterId));
    }

    private static void requireValid(String clusterId, List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidRequestException("cluster " + clusterId + ": "
                    + violations.stream().map(v -> RestVocabulary.field(v.field()) + ": " + v.message())
                    .collect(Collectors.joining("; ")));
        }
    }

    private static String describe(String cpu, String memory, String storage) {
        List<String> parts = new ArrayList<>();
        if (cpu != null) {
            parts.add("cpu " + cpu);
        }
        if (memory != null) {
            parts.add("memory " + memory);
        }
        if (storage != null) {
            parts.add("storage " + storage);
        }
        return String.join(", ", parts);
    }
}
