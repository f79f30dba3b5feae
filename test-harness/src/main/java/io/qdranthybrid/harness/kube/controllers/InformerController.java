package io.qdranthybrid.harness.kube.controllers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Base of the simulated controllers: shared informers over all namespaces feed object keys into a
 * {@link WorkQueue}, and {@link #reconcile(String)} is called for each key by the queue's workers.
 * Reconciles read from the informer caches and are level-triggered, so pausing simply lets keys pile
 * up in the queue and resuming acts on the latest state of each.
 */
public abstract class InformerController implements SimulatedController {

    private static final Logger LOG = LoggerFactory.getLogger(InformerController.class);
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(60);

    protected final KubernetesClient client;
    private final String name;
    private final WorkQueue queue;
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private volatile boolean started;
    private volatile boolean stopped;

    protected InformerController(String name, KubernetesClient client, int workers) {
        this.name = name;
        this.client = client;
        this.queue = new WorkQueue(name, workers, this::reconcileSafely);
    }

    @Override
    public final String name() {
        return name;
    }

    /** Creates this controller's informers with {@link #inform}; called once by {@link #start()}. */
    protected abstract void registerInformers();

    /** Brings the object behind {@code key} (namespace/name, or name when cluster-scoped) to its desired state. */
    protected abstract void reconcile(String key);

    /** Called after informers synced and before workers start; e.g. to create objects this component owns. */
    protected void onStarted() {
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
        CompletableFuture<?>[] syncs = informers.stream()
                .map(informer -> informer.start().toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(syncs).get(SYNC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + ": interrupted while waiting for informers to sync", e);
        } catch (ExecutionException | TimeoutException e) {
            stop();
            throw new IllegalStateException(name + ": informers did not sync within " + SYNC_TIMEOUT
                    + " (is the API server reachable?)", e);
        }
        onStarted();
        queue.start();
        LOG.info("{} started ({} informers synced)", name, informers.size());
    }

    @Override
    public final synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        queue.stop();
        informers.forEach(SharedIndexInformer::stop);
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
        SharedIndexInformer<T> informer = Namespaced.class.isAssignableFrom(type)
                ? client.resources(type).inAnyNamespace().runnableInformer(0)
                : client.resources(type).runnableInformer(0);
        informer.addEventHandler(handler);
        informers.add(informer);
        return informer;
    }

    /** The informer-cache key of an object: {@code namespace/name}, or {@code name} if cluster-scoped. */
    public static String keyOf(HasMetadata object) {
        return Cache.metaNamespaceKeyFunc(object);
    }

    /** {@code namespace/name} for a namespaced object. */
    public static String key(String namespace, String name) {
        return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
    }

    private void reconcileSafely(String key) {
        try {
            reconcile(key);
        } catch (KubernetesClientException e) {
            // Conflicts and races with other writers are normal: the informer will deliver the newer state.
            throw new ReconcileFailedException(name + " could not reconcile " + key + ": HTTP " + e.getCode()
                    + " " + e.getMessage(), e);
        }
    }
}
