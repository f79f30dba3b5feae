package io.qdranthybrid.harness.kube.controllers.gc;

import io.qdranthybrid.harness.kube.controllers.machinery.ControllerIdentity;
import io.qdranthybrid.harness.kube.controllers.machinery.InformerController;
import io.qdranthybrid.harness.kube.controllers.machinery.SharedInformers;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The simulated garbage collector: cascading deletion by {@code metadata.ownerReferences}, like
 * kube-controller-manager's.
 *
 * <ul>
 *   <li>An object all of whose owners are gone (deleted, or replaced by an object with another uid)
 *       is deleted in the background; its own dependents follow when its deletion is observed.</li>
 *   <li>An object with at least one live owner survives; references to the owners that are gone are
 *       removed from it, as the real collector does.</li>
 *   <li>Foreground deletion: an owner being deleted with the {@code foregroundDeletion} finalizer has
 *       its dependents deleted, and the finalizer is removed once no dependent with
 *       {@code blockOwnerDeletion=true} is left. The API server adds that finalizer on a
 *       {@code propagationPolicy=Foreground} delete ({@code SimulatedApiServer} and real ones do;
 *       fabric8's plain CRUD mock does not, so there a foreground delete acts as a background one).</li>
 *   <li>Orphaning: an owner being deleted with the {@code orphan} finalizer has its references removed
 *       from its dependents, then the finalizer removed.</li>
 * </ul>
 *
 * <p>It watches every namespace through one informer per kind in {@link GarbageCollectedKind}, the
 * typed ones the other controllers share for built-in kinds (it reads only metadata), and keeps an owner-to-dependents graph in memory, so a deletion costs work proportional to the
 * number of dependents, never a scan. Because informers of different kinds may lag one another, the
 * two decisions that cannot be undone are confirmed on the API server: before deleting, an owner
 * missing from the caches is looked up; before releasing an owner from foreground deletion, the
 * server is asked for blocking dependents the graph has not seen yet.
 */
public final class GarbageCollector extends InformerController {

    /** kube-controller-manager's garbage collector: ServiceAccount generic-garbage-collector (controller_policy.go). */
    public static final ControllerIdentity IDENTITY = ControllerIdentity.kubeSystemServiceAccount("generic-garbage-collector");

    static final String FOREGROUND_FINALIZER = "foregroundDeletion";
    static final String ORPHAN_FINALIZER = "orphan";

    private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);

    private final List<GarbageCollectedKind> kinds;
    private final Map<GarbageCollectedKind, SharedIndexInformer<? extends HasMetadata>> informers = new ConcurrentHashMap<>();
    /** uid of every object seen in the caches. */
    private final Map<String, Node> nodes = new ConcurrentHashMap<>();
    /** owner uid to the dependents referencing it; the owner itself may already be gone. */
    private final Map<String, Set<Node>> dependents = new ConcurrentHashMap<>();
    private final Set<String> unknownOwnerKinds = ConcurrentHashMap.newKeySet();

    /** A collector for {@link GarbageCollectedKind#HARNESS_KINDS} plus the given custom kinds (e.g. QdrantCluster). */
    public static GarbageCollector forHarnessKinds(KubernetesClient client, List<GarbageCollectedKind> customKinds) {
        return forHarnessKinds(SharedInformers.privateTo(Objects.requireNonNull(client, "client")), customKinds);
    }

    /** Like {@link #forHarnessKinds(KubernetesClient, List)} on informers shared with other controllers. */
    public static GarbageCollector forHarnessKinds(SharedInformers informers, List<GarbageCollectedKind> customKinds) {
        List<GarbageCollectedKind> all = new ArrayList<>(GarbageCollectedKind.HARNESS_KINDS);
        customKinds.stream().filter(kind -> !all.contains(kind)).forEach(all::add);
        return new GarbageCollector(informers, all);
    }

    public GarbageCollector(KubernetesClient client, List<GarbageCollectedKind> kinds) {
        this(SharedInformers.privateTo(Objects.requireNonNull(client, "client")), kinds);
    }

    public GarbageCollector(SharedInformers informers, List<GarbageCollectedKind> kinds) {
        super("garbage-collector", IDENTITY, informers, 2);
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("the garbage collector needs at least one kind to watch");
        }
        this.kinds = List.copyOf(new LinkedHashSet<>(kinds));
    }

    @Override
    protected void registerInformers() {
        for (GarbageCollectedKind kind : kinds) {
            informers.put(kind, informMetadata(kind.context(), true, new GraphUpdater(kind)));
        }
    }

    @Override
    protected void onSynced(List<SharedIndexInformer<?>> unserved) {
        // Like the real collector, which only handles the kinds discovery reports (e.g. no snapshot CRDs on k3s).
        informers.values().removeIf(unserved::contains);
        LOG.info("{}: collecting {} kinds in all namespaces", name(), informers.size());
    }

    /** One object of the graph, identified by uid so a recreated object with the same name is another node. */
    record Node(GarbageCollectedKind kind, String namespace, String name, String uid) {

        static Node of(GarbageCollectedKind kind, HasMetadata object) {
            return new Node(kind, object.getMetadata().getNamespace(), object.getMetadata().getName(),
                    object.getMetadata().getUid());
        }

        String cacheKey() {
            return namespace == null ? name : namespace + "/" + name;
        }

        @Override
        public String toString() {
            return kind.kind() + " " + cacheKey();
        }
    }

    /** Keeps the graph in step with the informers and queues whatever might now be collectable. */
    private final class GraphUpdater implements ResourceEventHandler<HasMetadata> {
        private final GarbageCollectedKind kind;

        GraphUpdater(GarbageCollectedKind kind) {
            this.kind = kind;
        }

        @Override
        public void onAdd(HasMetadata object) {
            observe(object, List.of());
        }

        @Override
        public void onUpdate(HasMetadata old, HasMetadata object) {
            observe(object, old.getMetadata().getOwnerReferences());
        }

        @Override
        public void onDelete(HasMetadata object, boolean finalStateUnknown) {
            Node node = Node.of(kind, object);
            nodes.remove(node.uid());
            object.getMetadata().getOwnerReferences().forEach(owner -> {
                unlink(owner.getUid(), node);
                // An owner waiting in foreground deletion may now have no blocking dependent left.
                Optional.ofNullable(nodes.get(owner.getUid())).ifPresent(GarbageCollector.this::enqueueNode);
            });
            Set<Node> orphans = dependents.get(node.uid());
            if (orphans != null) {
                orphans.forEach(GarbageCollector.this::enqueueNode);
            }
        }

        private void observe(HasMetadata object, List<OwnerReference> previousOwners) {
            Node node = Node.of(kind, object);
            if (node.uid() == null) {
                LOG.warn("{}: {} has no metadata.uid; the API server must assign one", name(), node);
                return;
            }
            nodes.put(node.uid(), node);
            List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
            previousOwners.stream()
                    .filter(previous -> owners.stream().noneMatch(owner -> Objects.equals(owner.getUid(), previous.getUid())))
                    .forEach(previous -> unlink(previous.getUid(), node));
            owners.forEach(owner -> dependents.computeIfAbsent(owner.getUid(), uid -> ConcurrentHashMap.newKeySet()).add(node));
            boolean ownerMissing = owners.stream().anyMatch(owner -> !nodes.containsKey(owner.getUid()));
            boolean ownerDeleting = owners.stream()
                    .map(owner -> nodes.get(owner.getUid()))
                    .filter(Objects::nonNull)
                    .anyMatch(owner -> live(owner).map(GarbageCollector::hasDeletionFinalizer).orElse(false));
            if (ownerMissing || ownerDeleting || hasDeletionFinalizer(object)) {
                enqueueNode(node);
            }
        }

        private void unlink(String ownerUid, Node dependent) {
            dependents.computeIfPresent(ownerUid, (uid, set) -> {
                set.remove(dependent);
                return set.isEmpty() ? null : set;
            });
        }
    }

    private void enqueueNode(Node node) {
        enqueue(node.uid());
    }

    /** Keys are the uids of {@link #nodes}. */
    @Override
    protected void reconcile(String uid) {
        Node node = nodes.get(uid);
        Optional<HasMetadata> cached = node == null ? Optional.empty() : live(node);
        if (cached.isEmpty()) {
            return;
        }
        HasMetadata object = cached.get();
        if (object.getMetadata().getDeletionTimestamp() != null) {
            processDeletingOwner(node, object);
            return;
        }
        List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
        if (owners.isEmpty()) {
            return;
        }
        Map<OwnerReference, OwnerState> states = new LinkedHashMap<>();
        owners.forEach(owner -> states.put(owner, ownerState(node, owner)));
        if (states.containsValue(OwnerState.UNRESOLVABLE)) {
            return;
        }
        List<OwnerReference> dangling = states.entrySet().stream()
                .filter(e -> e.getValue() == OwnerState.ABSENT).map(Map.Entry::getKey).toList();
        List<OwnerReference> waiting = states.entrySet().stream()
                .filter(e -> e.getValue() == OwnerState.DELETING_DEPENDENTS_FIRST).map(Map.Entry::getKey).toList();
        boolean anySolid = states.containsValue(OwnerState.PRESENT);
        if (!anySolid && waiting.isEmpty()) {
            delete(node, DeletionPropagation.BACKGROUND, "all owners are gone: " + describe(dangling));
        } else if (!anySolid) {
            // Only owners deleting in the foreground remain: go too, blocking them if asked to.
            boolean blocks = waiting.stream().anyMatch(owner -> Boolean.TRUE.equals(owner.getBlockOwnerDeletion()));
            delete(node, blocks ? DeletionPropagation.FOREGROUND : DeletionPropagation.BACKGROUND,
                    "its owners are deleting their dependents first: " + describe(waiting));
        } else if (!dangling.isEmpty()) {
            Set<String> goneUids = new LinkedHashSet<>(dangling.stream().map(OwnerReference::getUid).toList());
            resource(node).edit(latest -> {
                latest.getMetadata().getOwnerReferences().removeIf(owner -> goneUids.contains(owner.getUid()));
                return latest;
            });
            LOG.info("{}: removed references to deleted owners {} from {}", name(), describe(dangling), node);
        }
    }

    /** An owner being deleted with a garbage-collector finalizer: orphan or delete its dependents, then let it go. */
    private void processDeletingOwner(Node owner, HasMetadata object) {
        List<String> finalizers = object.getMetadata().getFinalizers();
        if (finalizers.contains(ORPHAN_FINALIZER)) {
            // The server's dependents, not the graph's: a dependent whose informer lags the owner's would keep its
            // reference, and once the owner is gone it would be collected as garbage instead of orphaned.
            List<Node> orphans = dependentsOnServer(owner, ref -> true);
            for (Node orphan : orphans) {
                resource(orphan).edit(latest -> {
                    latest.getMetadata().getOwnerReferences().removeIf(ref -> owner.uid().equals(ref.getUid()));
                    return latest;
                });
            }
            removeFinalizer(owner, ORPHAN_FINALIZER);
            LOG.info("{}: orphaned {} dependents of {}", name(), orphans.size(), owner);
        } else if (finalizers.contains(FOREGROUND_FINALIZER)) {
            boolean blocked = false;
            for (Node child : dependentsOf(owner)) {
                Optional<HasMetadata> live = live(child);
                if (live.isEmpty()) {
                    continue;
                }
                boolean blocking = live.get().getMetadata().getOwnerReferences().stream()
                        .anyMatch(ref -> owner.uid().equals(ref.getUid()) && Boolean.TRUE.equals(ref.getBlockOwnerDeletion()));
                blocked |= blocking;
                if (live.get().getMetadata().getDeletionTimestamp() == null) {
                    enqueueNode(child);
                }
            }
            if (!blocked && !blockedOnServer(owner)) {
                removeFinalizer(owner, FOREGROUND_FINALIZER);
                LOG.info("{}: no dependent blocks {} any more; it can go", name(), owner);
            }
        }
    }

    /**
     * Whether the API server holds a dependent blocking the owner that the graph has not seen yet.
     * The graph is fed by one informer per kind and those informers do not deliver in a common order:
     * the owner's informer can report its foreground deletion before the dependents' informer has
     * delivered a dependent created long before. Trusting the graph alone then releases the owner with a
     * blocking dependent still present. Releasing is final, so it is confirmed against the server.
     */
    private boolean blockedOnServer(Node owner) {
        List<Node> blockers = dependentsOnServer(owner, ref -> Boolean.TRUE.equals(ref.getBlockOwnerDeletion()));
        // Their informer will deliver them; observing one with a deleting owner queues it, its deletion re-queues the owner.
        if (!blockers.isEmpty()) {
            LOG.debug("{}: {} still block {}; their informer has not delivered them yet", name(), blockers, owner);
        }
        return !blockers.isEmpty();
    }

    /**
     * The objects on the API server whose reference to the owner matches: one list per watched kind, made only
     * for a decision that cannot be undone, never on the event path.
     */
    private List<Node> dependentsOnServer(Node owner, Predicate<OwnerReference> reference) {
        List<Node> found = new ArrayList<>();
        for (GarbageCollectedKind kind : informers.keySet()) {
            if (owner.namespace() != null && !kind.namespaced()) {
                continue; // a cluster-scoped object cannot name a namespaced owner
            }
            var operation = client.genericKubernetesResources(kind.context());
            List<GenericKubernetesResource> items;
            try {
                items = kind.namespaced() && owner.namespace() != null
                        ? operation.inNamespace(owner.namespace()).list().getItems()
                        : operation.inAnyNamespace().list().getItems();
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 404) {
                    throw e;
                }
                // Not served here (no CRD, or not at this scope): it holds no dependents, as for the real collector,
                // which only walks the resources discovery lists.
                continue;
            }
            items.stream()
                    .filter(item -> item.getMetadata().getOwnerReferences().stream()
                            .anyMatch(ref -> owner.uid().equals(ref.getUid()) && reference.test(ref)))
                    .forEach(item -> found.add(Node.of(kind, item)));
        }
        return found;
    }

    private enum OwnerState { PRESENT, ABSENT, DELETING_DEPENDENTS_FIRST, UNRESOLVABLE }

    private OwnerState ownerState(Node dependent, OwnerReference owner) {
        Optional<GarbageCollectedKind> kind = kinds.stream().filter(k -> k.matches(owner)).findFirst();
        if (kind.isEmpty() || !informers.containsKey(kind.get())) {
            if (unknownOwnerKinds.add(owner.getApiVersion() + "/" + owner.getKind())) {
                LOG.warn("{}: {} is owned by a {} {}, a kind this collector does not watch; such dependents are kept",
                        name(), dependent, owner.getApiVersion(), owner.getKind());
            }
            return OwnerState.UNRESOLVABLE;
        }
        if (kind.get().namespaced() && dependent.namespace() == null) {
            LOG.warn("{}: cluster-scoped {} names a namespaced owner {}, which is invalid; ignoring that reference",
                    name(), dependent, owner.getName());
            return OwnerState.UNRESOLVABLE;
        }
        Node ownerNode = new Node(kind.get(), kind.get().namespaced() ? dependent.namespace() : null, owner.getName(), owner.getUid());
        Optional<HasMetadata> found = nodes.containsKey(owner.getUid()) ? live(ownerNode) : Optional.empty();
        if (found.isEmpty()) {
            // The informer of the owner's kind may lag behind the dependent's: ask the API server.
            found = Optional.<HasMetadata>ofNullable(resource(ownerNode).get())
                    .filter(o -> owner.getUid().equals(o.getMetadata().getUid()));
        }
        if (found.isEmpty()) {
            return OwnerState.ABSENT;
        }
        boolean deletingDependentsFirst = found.get().getMetadata().getDeletionTimestamp() != null
                && found.get().getMetadata().getFinalizers().contains(FOREGROUND_FINALIZER);
        return deletingDependentsFirst ? OwnerState.DELETING_DEPENDENTS_FIRST : OwnerState.PRESENT;
    }

    private void delete(Node node, DeletionPropagation propagation, String why) {
        // Re-check the uid right before deleting: a recreated object with the same name is not garbage.
        if (live(node).isEmpty()) {
            return;
        }
        resource(node).withPropagationPolicy(propagation).delete();
        LOG.info("{}: deleted {} ({} propagation) because {}", name(), node, propagation, why);
    }

    private void removeFinalizer(Node node, String finalizer) {
        resource(node).edit(latest -> {
            latest.getMetadata().getFinalizers().remove(finalizer);
            return latest;
        });
    }

    private List<Node> dependentsOf(Node owner) {
        return List.copyOf(dependents.getOrDefault(owner.uid(), Set.of()));
    }

    /** The cached object behind a node, if it still exists with the node's uid. */
    private Optional<HasMetadata> live(Node node) {
        SharedIndexInformer<? extends HasMetadata> informer = informers.get(node.kind());
        if (informer == null) {
            return Optional.empty();
        }
        return Optional.<HasMetadata>ofNullable(informer.getIndexer().getByKey(node.cacheKey()))
                .filter(object -> node.uid().equals(object.getMetadata().getUid()));
    }

    private Resource<GenericKubernetesResource> resource(Node node) {
        var operation = client.genericKubernetesResources(node.kind().context());
        return node.namespace() == null
                ? operation.withName(node.name())
                : operation.inNamespace(node.namespace()).withName(node.name());
    }

    private static boolean hasDeletionFinalizer(HasMetadata object) {
        return object.getMetadata().getDeletionTimestamp() != null
                && Stream.of(FOREGROUND_FINALIZER, ORPHAN_FINALIZER).anyMatch(object.getMetadata().getFinalizers()::contains);
    }

    private static String describe(List<OwnerReference> owners) {
        return owners.stream().map(owner -> owner.getKind() + " " + owner.getName()).toList().toString();
    }
}
