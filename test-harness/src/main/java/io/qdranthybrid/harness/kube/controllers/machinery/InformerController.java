package io.qdranthybrid.harness.kube.controllers.machinery;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Base of the simulated controllers: informers over all namespaces, taken from {@link SharedInformers} so
 * controllers of one cluster share them, feed object keys into this controller's own {@link WorkQueue}, and
 * {@link #reconcile(String)} is called for each key by the queue's workers. Reconciles read from the informer
 * caches and are level-triggered, so pausing simply lets keys pile up in the queue and resuming acts on the
 * latest state of each. Informers may be generic (snapshot.storage.k8s.io and custom resources, which have no
 * model class here); kinds the API server does not serve (no snapshot CRDs on a bare k3s) can be declared
 * optional: they are left out with a warning instead of failing the start, like a real controller that finds
 * no CRD.
 */
public abstract class InformerController implements SimulatedController {

    private static final Logger LOG = LoggerFactory.getLogger(InformerController.class);
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(60);

    /**
     * One informer this controller listens to, with its own handler on it, and the resourceVersion of the last
     * event of {@code resource} ({@code plural} or {@code plural.group}) that handler was given.
     */
    private record Registration(SharedIndexInformer<?> informer, ResourceEventHandler<?> handler, String kind,
            boolean optional, String resource, AtomicLong handledThrough) {

        @SuppressWarnings({"unchecked", "rawtypes"})
        void removeHandler() {
            ((SharedIndexInformer) informer).removeEventHandler(handler);
        }
    }

    protected final KubernetesClient client;
    private final SharedInformers informers;
    private final String name;
    private final WorkQueue queue;
    private final List<Registration> registrations = new CopyOnWriteArrayList<>();
    private volatile boolean started;
    private volatile boolean stopped;

    /** A controller with informers of its own, stopped with it. */
    protected InformerController(String name, KubernetesClient client, int workers) {
        this(name, SharedInformers.privateTo(client), workers);
    }

    /**
     * A controller on informers shared with other controllers, writing as {@code identity}; whoever created
     * {@code informers} closes them.
     */
    protected InformerController(String name, ControllerIdentity identity, SharedInformers informers, int workers) {
        this(name, informers, informers.clientFor(identity), workers);
    }

    /**
     * For a component that is several identities at once (the kubelets of every node): {@link #client} is the
     * informers' reader, and it picks a client per identity itself through {@link SharedInformers#clientFor}.
     */
    protected InformerController(String name, SharedInformers informers, int workers) {
        this(name, informers, informers.client(), workers);
    }

    private InformerController(String name, SharedInformers informers, KubernetesClient client, int workers) {
        this.name = name;
        this.informers = informers;
        this.client = client;
        this.queue = new WorkQueue(name, workers, this::reconcileSafely);
    }

    @Override
    public final String name() {
        return name;
    }

    /** Registers this controller's handlers with {@link #inform}, {@link #informWith}, {@link #generic}; called once by {@link #start()}. */
    protected abstract void registerInformers();

    /** Brings the object behind {@code key} (namespace/name, or name when cluster-scoped) to its desired state. */
    protected abstract void reconcile(String key);

    /**
     * Called once the informers synced, before any reconcile (e.g. to create objects this component owns), with
     * the optional informers the API server does not serve.
     */
    protected void onSynced(List<SharedIndexInformer<?>> unserved) {
    }

    /** Called once on {@link #stop()} after the workers ended; release what this controller holds. */
    protected void onStopped() {
    }

    @Override
    public final synchronized void start() {
        if (started) {
            throw new IllegalStateException(name + " was already started");
        }
        started = true;
        registerInformers();
        onSynced(startAndSync());
        queue.start();
        LOG.info("{} started ({} informers synced)", name, registrations.size());
    }

    @Override
    public final synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        queue.stop();
        registrations.forEach(Registration::removeHandler);
        if (informers.isPrivateToOneController()) {
            informers.close();
        }
        onStopped();
        LOG.info("{} stopped", name);
    }

    @Override
    public final void pause() {
        queue.pause();
        LOG.info("{} paused", name);
    }

    @Override
    public final void resume() {
        queue.resume();
        LOG.info("{} resumed", name);
    }

    @Override
    public final boolean isPaused() {
        return queue.isPaused();
    }

    /** The threads this controller runs reconciles on (for CPU accounting in benchmarks). */
    public List<Thread> workerThreads() {
        return queue.threads();
    }

    /** The resources this controller watches, named {@code plural} or {@code plural.group}. */
    public final Set<String> watchedResources() {
        return registrations.stream().map(Registration::resource).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Whether the handlers have been given every event of each watched resource up to the resourceVersion in
     * {@code latestWrites} (resources missing from it count as unwritten): the keys those events queue are queued.
     */
    public final boolean hasSeen(Map<String, Long> latestWrites) {
        return registrations.stream()
                .allMatch(r -> r.handledThrough().get() >= latestWrites.getOrDefault(r.resource(), 0L));
    }

    /**
     * Whether this controller has seen those events and reconciled every key they queued (retries scheduled for
     * later aside): a reaction to them that has not happened by now will not happen.
     */
    public final boolean hasActedOn(Map<String, Long> latestWrites) {
        return hasSeen(latestWrites) && queue.isIdle();
    }

    /** Keys waiting to be reconciled, for tests of a paused controller. */
    public final int queuedKeys() {
        return queue.depth();
    }

    protected final void enqueue(String key) {
        queue.add(key);
    }

    protected final void enqueueAfter(String key, Duration delay) {
        queue.addAfter(key, delay);
    }

    /**
     * Watches all objects of {@code type} in all namespaces; every add, update and delete enqueues the
     * keys {@code keysOf} returns for the object (for an update, for both its old and new state).
     */
    protected final <T extends HasMetadata> SharedIndexInformer<T> inform(Class<T> type,
            Function<T, Collection<String>> keysOf) {
        return informWith(type, new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                keysOf.apply(obj).forEach(queue::add);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                keysOf.apply(oldObj).forEach(queue::add);
                keysOf.apply(newObj).forEach(queue::add);
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                keysOf.apply(obj).forEach(queue::add);
            }
        });
    }

    /** Like {@link #inform} with a handler of the subclass' own; the informer starts with {@link #start()}. */
    protected final <T extends HasMetadata> SharedIndexInformer<T> informWith(Class<T> type,
            ResourceEventHandler<T> handler) {
        return register(informers.typed(type), handler, type.getSimpleName(),
                resourceName(HasMetadata.getGroup(type), HasMetadata.getPlural(type)), false);
    }

    /** A generic informer of {@code context}'s kind; {@code optionalKind}: the API server may not serve it. */
    protected final SharedIndexInformer<GenericKubernetesResource> generic(ResourceDefinitionContext context,
            boolean optionalKind, ResourceEventHandler<GenericKubernetesResource> handler) {
        return register(informers.generic(context), handler, kindName(context), resourceName(context), optionalKind);
    }

    /** The shared informer of {@code context}'s kind for a handler that reads metadata only; see {@link SharedInformers#forMetadataOf}. */
    protected final SharedIndexInformer<? extends HasMetadata> informMetadata(ResourceDefinitionContext context,
            boolean optionalKind, ResourceEventHandler<HasMetadata> handler) {
        return register(informers.forMetadataOf(context), handler, kindName(context), resourceName(context),
                optionalKind);
    }

    /** A handler that passes every added, updated (new state) and deleted object to {@code enqueue}. */
    protected static <T extends HasMetadata> ResourceEventHandler<T> onAnyChange(Consumer<T> enqueue) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                enqueue.accept(object);
            }

            @Override
            public void onUpdate(T old, T object) {
                enqueue.accept(object);
            }

            @Override
            public void onDelete(T object, boolean finalStateUnknown) {
                enqueue.accept(object);
            }
        };
    }

    /** The informer-cache key of an object: {@code namespace/name}, or {@code name} if cluster-scoped. */
    public static String keyOf(HasMetadata object) {
        return Cache.metaNamespaceKeyFunc(object);
    }

    /** {@code namespace/name} for a namespaced object. */
    public static String key(String namespace, String name) {
        return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
    }

    private <I extends SharedIndexInformer<?>, T extends HasMetadata> I register(I informer,
            ResourceEventHandler<T> handler, String kind, String resource, boolean optional) {
        AtomicLong handledThrough = new AtomicLong();
        ResourceEventHandler<T> counted = new HandledThrough<>(handler, handledThrough);
        addHandler(informer, counted);
        registrations.add(new Registration(informer, counted, kind, optional, resource, handledThrough));
        return informer;
    }

    /** How the simulated API server names a resource's store: {@code plural}, or {@code plural.group}. */
    private static String resourceName(String group, String plural) {
        return group == null || group.isEmpty() ? plural : plural + "." + group;
    }

    private static String resourceName(ResourceDefinitionContext context) {
        return resourceName(context.getGroup(), context.getPlural());
    }

    /** Passes each event on, then notes its resourceVersion: the keys it queues are queued by then. */
    private record HandledThrough<T extends HasMetadata>(ResourceEventHandler<T> handler, AtomicLong through)
            implements ResourceEventHandler<T> {

        @Override
        public void onAdd(T object) {
            handler.onAdd(object);
            note(object);
        }

        @Override
        public void onUpdate(T old, T object) {
            handler.onUpdate(old, object);
            note(object);
        }

        @Override
        public void onDelete(T object, boolean finalStateUnknown) {
            handler.onDelete(object, finalStateUnknown);
            note(object);
        }

        @Override
        public void onNothing() {
            handler.onNothing();
        }

        private void note(T object) {
            String version = object.getMetadata().getResourceVersion();
            if (version != null && version.chars().allMatch(Character::isDigit) && !version.isEmpty()) {
                through.accumulateAndGet(Long.parseLong(version), Math::max);
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void addHandler(SharedIndexInformer<?> informer, ResourceEventHandler<?> handler) {
        // Typed by the callers above: the handler accepts what the informer holds (or a supertype of it).
        ((SharedIndexInformer) informer).addEventHandler(handler);
    }

    private static String kindName(ResourceDefinitionContext context) {
        return context.getGroup() == null || context.getGroup().isEmpty()
                ? context.getKind() : context.getKind() + "." + context.getGroup();
    }

    private List<SharedIndexInformer<?>> startAndSync() {
        Map<Registration, CompletableFuture<Void>> syncs = new LinkedHashMap<>();
        registrations.forEach(registration -> syncs.put(registration, informers.start(registration.informer())));
        List<SharedIndexInformer<?>> unserved = new ArrayList<>();
        long deadline = System.nanoTime() + SYNC_TIMEOUT.toNanos();
        for (var entry : syncs.entrySet()) {
            Registration registration = entry.getKey();
            try {
                entry.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                if (registration.optional() && e.getCause() instanceof KubernetesClientException k && k.getCode() == 404) {
                    LOG.warn("{}: the API server does not serve {}; carrying on without it", name, registration.kind());
                    registration.removeHandler();
                    unserved.add(registration.informer());
                } else {
                    stop();
                    throw new IllegalStateException(name + ": the " + registration.kind()
                            + " informer failed to sync: " + e.getCause(), e.getCause());
                }
            } catch (TimeoutException e) {
                stop();
                throw new IllegalStateException(name + ": informers did not sync within " + SYNC_TIMEOUT
                        + " (is the API server reachable?)", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                throw new IllegalStateException(name + ": interrupted while waiting for informers to sync", e);
            }
        }
        return unserved;
    }

    private void reconcileSafely(String key) {
        try {
            reconcile(key);
        } catch (KubernetesClientException e) {
            // Conflicts and races with other writers are normal: the queue retries with backoff, and the
            // informer delivers the newer state.
            throw new ReconcileFailedException(name + " could not reconcile " + key + ": HTTP " + e.getCode()
                    + " " + e.getMessage(), e);
        }
    }
}
