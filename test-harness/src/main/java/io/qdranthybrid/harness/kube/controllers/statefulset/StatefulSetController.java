package io.qdranthybrid.harness.kube.controllers.statefulset;

import io.qdranthybrid.harness.kube.controllers.machinery.CreationExpectations;
import io.qdranthybrid.harness.kube.controllers.machinery.ControllerIdentity;
import io.qdranthybrid.harness.kube.controllers.machinery.InformerController;
import io.qdranthybrid.harness.kube.controllers.machinery.PodState;
import io.qdranthybrid.harness.kube.controllers.machinery.SharedInformers;
import io.qdranthybrid.harness.kube.controllers.machinery.ControllerEventRecorder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The StatefulSet controller: keeps pods {@code <set>-<ordinal>} and their claims in line with each
 * StatefulSet, with the real controller's ordering guarantees (OrderedReady or Parallel), rolling
 * updates from the highest ordinal down honouring the partition, OnDelete updates, claim retention,
 * and a status written through the status subresource only when it changed.
 */
public final class StatefulSetController extends InformerController {

    /** kube-controller-manager's StatefulSet controller: ServiceAccount statefulset-controller (controller_policy.go). */
    public static final ControllerIdentity IDENTITY = ControllerIdentity.kubeSystemServiceAccount("statefulset-controller");

    private static final Logger LOG = LoggerFactory.getLogger(StatefulSetController.class);
    static final String OWNER_INDEX = "controller-uid";
    /** Pods no controller owns, by namespace: the only candidates for adoption, so a sync need not scan every pod. */
    private static final String ORPHAN_INDEX = "orphans-by-namespace";
    private static final Duration EXPECTATION_TIMEOUT = Duration.ofSeconds(30);

    private final Clock clock;
    private final StatefulSetRevisions revisionStore;
    private final AtomicLong statusWrites = new AtomicLong();
    private final CreationExpectations expectedPods;
    private final CreationExpectations expectedClaims;
    private final ControllerEventRecorder events;
    private SharedIndexInformer<StatefulSet> sets;
    private SharedIndexInformer<Pod> pods;
    private SharedIndexInformer<ControllerRevision> revisions;
    private SharedIndexInformer<PersistentVolumeClaim> claims;

    public StatefulSetController(KubernetesClient client) {
        this(client, 2, Clock.systemUTC());
    }

    public StatefulSetController(KubernetesClient client, int workers, Clock clock) {
        this(SharedInformers.privateTo(client), workers, clock);
    }

    /** On informers shared with other controllers. */
    public StatefulSetController(SharedInformers informers, int workers, Clock clock) {
        super("statefulset-controller", IDENTITY, informers, workers);
        this.clock = clock;
        this.revisionStore = new StatefulSetRevisions(client);
        this.expectedPods = new CreationExpectations(clock, EXPECTATION_TIMEOUT);
        this.expectedClaims = new CreationExpectations(clock, EXPECTATION_TIMEOUT);
        this.events = new ControllerEventRecorder(client, "statefulset-controller", "apps/v1", "StatefulSet");
    }

    /** How many status writes this controller made; a steady StatefulSet adds none. */
    public long statusWrites() {
        return statusWrites.get();
    }

    @Override
    protected void registerInformers() {
        sets = inform(StatefulSet.class, set -> List.of(keyOf(set)));
        pods = inform(Pod.class, pod -> {
            expectedPods.observed(keyOf(pod));
            Collection<String> owner = ownerSetKey(pod);
            return owner.isEmpty() ? adoptersOf(pod) : owner;
        });
        revisions = inform(ControllerRevision.class, revision -> List.of());
        claims = inform(PersistentVolumeClaim.class, claim -> {
            expectedClaims.observed(keyOf(claim));
            return List.of();
        });
        pods.addIndexers(Map.of(OWNER_INDEX, StatefulSetController::controllerUid,
                ORPHAN_INDEX, pod -> PodState.controllerOf(pod).isPresent() ? List.of()
                        : List.of(pod.getMetadata().getNamespace())));
        revisions.addIndexers(Map.of(OWNER_INDEX, StatefulSetController::controllerUid));
    }

    private static List<String> controllerUid(HasMetadata object) {
        return PodState.controllerOf(object).map(ref -> List.of(ref.getUid())).orElse(List.of());
    }

    private static Collection<String> ownerSetKey(Pod pod) {
        return PodState.controllerOf(pod)
                .filter(ref -> "StatefulSet".equals(ref.getKind()))
                .map(ref -> List.of(key(pod.getMetadata().getNamespace(), ref.getName())))
                .orElse(List.of());
    }

    @Override
    protected void reconcile(String key) {
        StatefulSet set = sets.getStore().getByKey(key);
        if (set == null || PodState.isTerminating(set)) {
            return; // the garbage collector removes the pods through their owner references
        }
        String uid = set.getMetadata().getUid();
        List<ControllerRevision> ownedRevisions = revisions.getIndexer().byIndex(OWNER_INDEX, uid);
        ControllerRevision update = revisionStore.ensureUpdateRevision(set, ownedRevisions);
        ControllerRevision current = currentRevision(set, ownedRevisions, update);

        List<Pod> owned = new ArrayList<>(pods.getIndexer().byIndex(OWNER_INDEX, uid));
        owned.addAll(adoptOrphans(set));
        Members members = members(set, owned);
        Duration recheck = writeStatus(set, members, current.getMetadata().getName(), update.getMetadata().getName());
        manageMembers(set, members, current, update);

        Set<String> live = new HashSet<>(List.of(current.getMetadata().getName(), update.getMetadata().getName()));
        members.all().forEach(pod -> live.add(revisionOf(pod)));
        revisionStore.prune(set, ownedRevisions, live);
        if (recheck != null) {
            enqueueAfter(key, recheck);
        }
    }

    /**
     * Pods of the set's name and selector that no controller owns, e.g. left behind by a StatefulSet deleted with
     * {@code propagationPolicy: Orphan}, are adopted as kube-controller-manager does (statefulset
     * stateful_set.go getPodsForStatefulSet, controller_ref_manager.go ClaimPods): a controller reference to this set
     * is added. Only {@code matchLabels} selectors are matched here.
     */
    private List<Pod> adoptOrphans(StatefulSet set) {
        List<Pod> adopted = new ArrayList<>();
        for (Pod orphan : pods.getIndexer().byIndex(ORPHAN_INDEX, set.getMetadata().getNamespace())) {
            if (!adoptable(set, orphan)) {
                continue;
            }
            try {
                // The cache may not show an adoption this controller made a moment ago: adopt only what the
                // server still shows without a controller, as ClaimPods' uid-keyed patch is idempotent.
                Pod claimed = client.pods().inNamespace(orphan.getMetadata().getNamespace())
                        .withName(orphan.getMetadata().getName()).edit(pod -> {
                            if (PodState.controllerOf(pod).isEmpty()) {
                                pod.getMetadata().getOwnerReferences().add(StatefulSetPods.ownerReference(set, true));
                            }
                            return pod;
                        });
                if (isControlledBy(claimed, set)) {
                    adopted.add(claimed);
                    LOG.info("statefulset {}: adopted orphaned pod {}", keyOf(set), orphan.getMetadata().getName());
                }
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND && e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
                // Gone or changed meanwhile: its next event brings it back here.
            }
        }
        return adopted;
    }

    private static boolean isControlledBy(Pod pod, StatefulSet set) {
        return PodState.controllerOf(pod).filter(ref -> ref.getUid().equals(set.getMetadata().getUid())).isPresent();
    }

    private static boolean adoptable(StatefulSet set, Pod pod) {
        if (PodState.controllerOf(pod).isPresent() || PodState.isTerminating(pod)
                || StatefulSetPods.ordinalOf(set, pod.getMetadata().getName()).isEmpty()) {
            return false;
        }
        var selector = set.getSpec().getSelector();
        if (selector == null || selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty()
                || (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty())) {
            return false;
        }
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels != null && labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
    }

    /** The sets of the orphan's namespace that could adopt it, so that it is adopted when it appears or changes. */
    private Collection<String> adoptersOf(Pod pod) {
        if (sets == null) {
            return List.of();
        }
        return sets.getIndexer().byIndex(io.fabric8.kubernetes.client.informers.cache.Cache.NAMESPACE_INDEX,
                        pod.getMetadata().getNamespace()).stream()
                .filter(set -> !PodState.isTerminating(set) && adoptable(set, pod))
                .map(StatefulSetController::keyOf).toList();
    }

    private static ControllerRevision currentRevision(StatefulSet set, List<ControllerRevision> owned,
            ControllerRevision update) {
        String recorded = set.getStatus() == null ? null : set.getStatus().getCurrentRevision();
        if (recorded == null) {
            return update;
        }
        return owned.stream().filter(r -> recorded.equals(r.getMetadata().getName())).findFirst().orElse(update);
    }

    /** The set's pods by ordinal: those in range and those condemned by a scale-down. */
    private record Members(NavigableMap<Integer, Pod> inRange, NavigableMap<Integer, Pod> condemned) {
        List<Pod> all() {
            List<Pod> all = new ArrayList<>(inRange.values());
            all.addAll(condemned.values());
            return all;
        }
    }

    private static Members members(StatefulSet set, List<Pod> owned) {
        int first = StatefulSetPods.firstOrdinal(set);
        int end = first + StatefulSetPods.replicas(set);
        NavigableMap<Integer, Pod> inRange = new TreeMap<>();
        NavigableMap<Integer, Pod> condemned = new TreeMap<>();
        for (Pod pod : owned) {
            OptionalInt ordinal = StatefulSetPods.ordinalOf(set, pod.getMetadata().getName());
            if (ordinal.isEmpty()) {
                continue;
            }
            (ordinal.getAsInt() >= first && ordinal.getAsInt() < end ? inRange : condemned)
                    .put(ordinal.getAsInt(), pod);
        }
        return new Members(inRange, condemned);
    }

    private static String revisionOf(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels == null ? "" : Objects.requireNonNullElse(labels.get(StatefulSetPods.REVISION_LABEL), "");
    }

    /** Creates, deletes and replaces pods; stops at the first step that must wait when ordered. */
    private void manageMembers(StatefulSet set, Members members, ControllerRevision current,
            ControllerRevision update) {
        boolean ordered = !StatefulSetPods.isParallel(set);
        int first = StatefulSetPods.firstOrdinal(set);
        int end = first + StatefulSetPods.replicas(set);
        int partition = StatefulSetPods.partition(set);
        boolean allHealthy = true;

        for (int ordinal = first; ordinal < end; ordinal++) {
            Pod pod = members.inRange().get(ordinal);
            if (pod == null && isAwaitingCreatedPod(set, ordinal)) {
                allHealthy = false;
                if (ordered) {
                    return;
                }
                continue;
            }
            if (pod == null) {
                ensureClaims(set, ordinal);
                boolean keepCurrent = !StatefulSetPods.isOnDelete(set) && ordinal < partition;
                createPod(set, ordinal, keepCurrent ? current : update);
                allHealthy = false;
                if (ordered) {
                    return;
                }
                continue;
            }
            ensureClaims(set, ordinal);
            if (PodState.isFailed(pod) && !PodState.isTerminating(pod)) {
                LOG.info("statefulset {}: pod {} failed, deleting it to recreate it", keyOf(set), pod.getMetadata().getName());
                client.resource(pod).delete();
                allHealthy = false;
                if (ordered) {
                    return;
                }
                continue;
            }
            if (!PodState.isRunningAndReady(pod)) {
                allHealthy = false;
                if (ordered) {
                    return;
                }
            }
        }

        for (Pod pod : members.condemned().descendingMap().values()) {
            if (PodState.isTerminating(pod)) {
                if (ordered) {
                    return;
                }
                continue;
            }
            if (ordered && !allHealthy) {
                return;
            }
            condemn(set, pod);
            if (ordered) {
                return;
            }
        }

        if (StatefulSetPods.isOnDelete(set)) {
            return;
        }
        String updateName = update.getMetadata().getName();
        for (int ordinal = end - 1; ordinal >= Math.max(first, partition); ordinal--) {
            Pod pod = members.inRange().get(ordinal);
            if (pod == null) {
                return;
            }
            if (!updateName.equals(revisionOf(pod)) && !PodState.isTerminating(pod)) {
                LOG.info("statefulset {}: rolling pod {} from {} to {}", keyOf(set), pod.getMetadata().getName(),
                        revisionOf(pod), updateName);
                client.resource(pod).delete();
                return;
            }
            if (!PodState.isRunningAndReady(pod)) {
                return;
            }
        }
    }

    private boolean isAwaitingCreatedPod(StatefulSet set, int ordinal) {
        return expectedPods.isPending(key(set.getMetadata().getNamespace(), StatefulSetPods.podName(set, ordinal)));
    }

    private void createPod(StatefulSet set, int ordinal, ControllerRevision revision) {
        PodTemplateSpec template = revision.getData() == null
                ? set.getSpec().getTemplate() : revisionStore.template(revision);
        Pod pod = StatefulSetPods.newPod(set, ordinal, revision.getMetadata().getName(), template);
        String key = keyOf(pod);
        expectedPods.expect(key);
        try {
            client.resource(pod).create();
            LOG.info("statefulset {}: created pod {} at revision {}", keyOf(set), pod.getMetadata().getName(),
                    revision.getMetadata().getName());
        } catch (KubernetesClientException e) {
            expectedPods.observed(key);
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                // stateful_pod_control.go recordPodEvent: the refusal (PodSecurity, quota...) is visible on the set.
                String why = e.getStatus() != null && e.getStatus().getMessage() != null
                        ? e.getStatus().getMessage() : e.getMessage();
                events.record(set, ControllerEventRecorder.Type.Warning, "FailedCreate", "create Pod "
                        + pod.getMetadata().getName() + " in StatefulSet " + set.getMetadata().getName()
                        + " failed error: " + why);
                throw e;
            }
            // Created by a previous reconcile and not yet in the cache; the informer event will follow.
        }
    }

    private void ensureClaims(StatefulSet set, int ordinal) {
        for (PersistentVolumeClaim claim : StatefulSetPods.newClaims(set, ordinal)) {
            String key = keyOf(claim);
            if (claims.getStore().getByKey(key) != null || expectedClaims.isPending(key)) {
                continue;
            }
            expectedClaims.expect(key);
            try {
                client.resource(claim).create();
                LOG.info("statefulset {}: created claim {}", keyOf(set), claim.getMetadata().getName());
            } catch (KubernetesClientException e) {
                expectedClaims.observed(key);
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
            }
        }
    }

    /** Deletes a pod removed by a scale-down; with whenScaled=Delete its claims become owned by it first. */
    private void condemn(StatefulSet set, Pod pod) {
        if (StatefulSetPods.deletesClaimsWhenScaled(set)) {
            int ordinal = StatefulSetPods.ordinalOf(set, pod.getMetadata().getName()).orElseThrow();
            for (PersistentVolumeClaim template : StatefulSetPods.claimTemplates(set)) {
                String claimName = StatefulSetPods.claimName(template, set, ordinal);
                OwnerReference podOwner = new OwnerReferenceBuilder().withApiVersion("v1").withKind("Pod")
                        .withName(pod.getMetadata().getName()).withUid(pod.getMetadata().getUid()).build();
                client.persistentVolumeClaims().inNamespace(set.getMetadata().getNamespace()).withName(claimName)
                        .edit(claim -> {
                            claim.getMetadata().getOwnerReferences().removeIf(r -> "Pod".equals(r.getKind()));
                            claim.getMetadata().getOwnerReferences().add(podOwner);
                            return claim;
                        });
            }
        }
        LOG.info("statefulset {}: scaling down, deleting pod {}", keyOf(set), pod.getMetadata().getName());
        client.resource(pod).delete();
    }

    /** Writes the status if it differs; returns when to look again for pods about to become available. */
    private Duration writeStatus(StatefulSet set, Members members, String currentRevision, String updateRevision) {
        Instant now = clock.instant();
        int minReadySeconds = set.getSpec().getMinReadySeconds() == null ? 0 : set.getSpec().getMinReadySeconds();
        Duration recheck = null;
        int replicas = 0;
        int ready = 0;
        int available = 0;
        int onCurrent = 0;
        int onUpdate = 0;
        for (Pod pod : members.all()) {
            replicas++;
            if (PodState.isRunningAndReady(pod)) {
                ready++;
                Instant availableAt = PodState.readySince(pod).orElse(now).plusSeconds(minReadySeconds);
                if (!availableAt.isAfter(now)) {
                    available++;
                } else {
                    Duration wait = Duration.between(now, availableAt);
                    recheck = recheck == null || wait.compareTo(recheck) < 0 ? wait : recheck;
                }
            }
            if (!PodState.isTerminating(pod)) {
                String revision = revisionOf(pod);
                onCurrent += revision.equals(currentRevision) ? 1 : 0;
                onUpdate += revision.equals(updateRevision) ? 1 : 0;
            }
        }
        String newCurrent = currentRevision;
        if (!StatefulSetPods.isOnDelete(set) && onUpdate == replicas && ready == replicas
                && replicas == StatefulSetPods.replicas(set)) {
            newCurrent = updateRevision;
            onCurrent = onUpdate;
        }
        long generation = set.getMetadata().getGeneration() == null ? 0 : set.getMetadata().getGeneration();
        StatefulSetCounts desired = new StatefulSetCounts(replicas, ready, available, onCurrent, onUpdate,
                newCurrent, updateRevision, generation);
        if (!desired.equals(StatefulSetCounts.of(set.getStatus()))) {
            // An update, not a patch: the real controller's role holds only "update" on statefulsets/status
            // (controller_policy.go; stateful_set_status_updater.go calls UpdateStatus). A conflict is retried.
            StatefulSetStatus status = client.getKubernetesSerialization().convertValue(desired.asStatus(), StatefulSetStatus.class);
            status.setConditions(set.getStatus() == null ? null : set.getStatus().getConditions());
            client.resource(new StatefulSetBuilder(set).withStatus(status).build()).updateStatus();
            statusWrites.incrementAndGet();
        }
        return recheck;
    }

    /** The part of a StatefulSet's status this controller owns, with absent numbers read as 0 like the API does. */
    record StatefulSetCounts(int replicas, int readyReplicas, int availableReplicas, int currentReplicas,
            int updatedReplicas, String currentRevision, String updateRevision, long observedGeneration) {

        static StatefulSetCounts of(StatefulSetStatus status) {
            if (status == null) {
                return new StatefulSetCounts(0, 0, 0, 0, 0, null, null, 0);
            }
            return new StatefulSetCounts(zeroIfNull(status.getReplicas()), zeroIfNull(status.getReadyReplicas()),
                    zeroIfNull(status.getAvailableReplicas()), zeroIfNull(status.getCurrentReplicas()),
                    zeroIfNull(status.getUpdatedReplicas()), status.getCurrentRevision(), status.getUpdateRevision(),
                    status.getObservedGeneration() == null ? 0 : status.getObservedGeneration());
        }

        Map<String, Object> asStatus() {
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("replicas", replicas);
            status.put("readyReplicas", readyReplicas);
            status.put("availableReplicas", availableReplicas);
            status.put("currentReplicas", currentReplicas);
            status.put("updatedReplicas", updatedReplicas);
            status.put("currentRevision", currentRevision);
            status.put("updateRevision", updateRevision);
            status.put("observedGeneration", observedGeneration);
            status.put("collisionCount", 0);
            return status;
        }

        private static int zeroIfNull(Integer value) {
            return value == null ? 0 : value;
        }
    }
}
