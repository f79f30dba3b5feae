package io.qdranthybrid.harness.kube.controllers;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Base of the garbage collector and the storage controllers: like {@link InformerController}, shared
 * informers over all namespaces feed keys into a {@link WorkQueue}, but informers may also be generic
 * (snapshot.storage.k8s.io and custom resources, which have no model class here). Kinds the API server
 * does not serve (no snapshot CRDs on a bare k3s) can be declared optional: they are left out with a
 * warning instead of failing the start, like a real controller that finds no CRD.
 */
abstract class StorageInformerController implements SimulatedController {

    private static final Logger LOG = LoggerFactory.getLogger(StorageInformerController.class);
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(60);

    protected final KubernetesClient client;
    private final String name;
    private final WorkQueue queue;
    private final Map<SharedIndexInformer<?>, String> informers = new LinkedHashMap<>();
    private final List<SharedIndexInformer<?>> optional = new ArrayList<>();
    private boolean started;

    protected StorageInformerController(String name, KubernetesClient client, int workers) {
        this.name = name;
        this.client = client;
        this.queue = new WorkQueue(name, workers, this::reconcileOrRetry);
    }

    /** Creates this controller's informers with {@link #typed} and {@link #generic}; called once by {@link #start()}. */
    protected abstract void registerInformers();

    /** Brings whatever {@code key} names to its desired state; level-triggered, reading from the caches. */
    protected abstract void reconcile(String key);

    /** Called once the informers synced, before any reconcile, with the optional ones the API server does not serve. */
    protected void onSynced(List<SharedIndexInformer<?>> unserved) {
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final synchronized void start() {
        if (started) {
            throw new IllegalStateException(name + " is already started");
        }
        started = true;
        registerInformers();
        onSynced(startAndSync());
        queue.start();
        LOG.info("{} started ({} informers)", name, informers.size());
    }

    @Override
    public final void stop() {
        queue.stop();
        informers.keySet().forEach(SharedIndexInformer::stop);
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

    protected final void enqueue(String key) {
        queue.add(key);
    }

    protected final void enqueueAfter(String key, Duration delay) {
        queue.addAfter(key, delay);
    }

    protected final <T extends HasMetadata> SharedIndexInformer<T> typed(Class<T> type, ResourceEventHandler<T> handler) {
        SharedIndexInformer<T> informer = Namespaced.class.isAssignableFrom(type)
                ? client.resources(type).inAnyNamespace().runnableInformer(0)
                : client.resources(type).runnableInformer(0);
        informer.addEventHandler(handler);
        informers.put(informer, type.getSimpleName());
        return informer;
    }

    protected final SharedIndexInformer<GenericKubernetesResource> generic(ResourceDefinitionContext context,
            boolean optionalKind, ResourceEventHandler<GenericKubernetesResource> handler) {
        var operation = client.genericKubernetesResources(context);
        SharedIndexInformer<GenericKubernetesResource> informer = context.isNamespaceScoped()
                ? operation.inAnyNamespace().runnableInformer(0)
                : operation.runnableInformer(0);
        informer.addEventHandler(handler);
        informers.put(informer, context.getKind() + "." + context.getGroup());
        if (optionalKind) {
            optional.add(informer);
        }
        return informer;
    }

    /** A handler that passes every added, updated and deleted object to {@code enqueue}. */
    static <T extends HasMetadata> ResourceEventHandler<T> onAnyChange(Consumer<T> enqueue) {
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

    private List<SharedIndexInformer<?>> startAndSync() {
        Map<SharedIndexInformer<?>, CompletableFuture<Void>> syncs = new LinkedHashMap<>();
        informers.keySet().forEach(informer -> syncs.put(informer, informer.start().toCompletableFuture()));
        List<SharedIndexInformer<?>> unserved = new ArrayList<>();
        long deadline = System.nanoTime() + SYNC_TIMEOUT.toNanos();
        for (var entry : syncs.entrySet()) {
            try {
                entry.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                if (optional.contains(entry.getKey()) && e.getCause() instanceof KubernetesClientException k
                        && k.getCode() == 404) {
                    LOG.warn("{}: the API server does not serve {}; carrying on without it", name, informers.get(entry.getKey()));
                    entry.getKey().stop();
                    unserved.add(entry.getKey());
                } else {
                    stop();
                    throw new IllegalStateException(name + ": the " + informers.get(entry.getKey())
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

    private void reconcileOrRetry(String key) {
        try {
            reconcile(key);
        } catch (KubernetesClientException e) {
            // Conflicts and races with other writers are normal: the queue retries with backoff.
            throw new ReconcileFailedException(name + " could not reconcile " + key + ": HTTP " + e.getCode() + " "
                    + e.getMessage(), e);
        }
    }
}
