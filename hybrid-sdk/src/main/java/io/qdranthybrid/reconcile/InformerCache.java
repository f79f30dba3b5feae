package io.qdranthybrid.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The informer cache of one controller: one shared informer per watched kind and namespace, indexed by the labels
 * the controller looks objects up by, and the reads a reconciler makes from it instead of requests.
 */
final class InformerCache {

    private final String controller;
    private final KubernetesClient client;
    private final KubernetesSerialization serialization;
    private final Set<Class<? extends HasMetadata>> watchedTypes;
    private final Set<String> indexedLabels;
    private final Map<Class<?>, Consumer<?>> trims;
    private final Duration resyncPeriod;
    private final Map<Class<?>, Map<String, SharedIndexInformer<?>>> informers = new LinkedHashMap<>();

    /**
     * @param controller    the controller's name, for messages
     * @param watchedTypes  the kinds it may be asked about: the primary and the declared secondaries
     * @param indexedLabels label keys indexed, so that a lookup by one of them skips the rest of the namespace
     * @param trims         per kind, what to drop from each object as it enters the cache
     */
    InformerCache(String controller, KubernetesClient client, Set<Class<? extends HasMetadata>> watchedTypes,
                  Set<String> indexedLabels, Map<Class<?>, Consumer<?>> trims, Duration resyncPeriod) {
        this.controller = controller;
        this.client = client;
        this.serialization = client.getKubernetesSerialization();
        this.watchedTypes = Set.copyOf(watchedTypes);
        this.indexedLabels = Set.copyOf(indexedLabels);
        this.trims = Map.copyOf(trims);
        this.resyncPeriod = resyncPeriod;
    }

    /** Starts an informer of {@code type} in {@code namespace}; completes once it has listed its objects. */
    synchronized <S extends HasMetadata> CompletableFuture<Void> inform(Class<S> type, String namespace,
                                                                     ResourceEventHandler<S> handler) {
        SharedIndexInformer<S> informer = client.resources(type).inNamespace(namespace).runnableInformer(resyncPeriod.toMillis());
        @SuppressWarnings("unchecked") // trimCached pairs each kind with a trim of that kind
        Consumer<S> trim = (Consumer<S>) trims.get(type);
        informer.itemStore(trim == null ? new ManagedFieldsStrippingStore<>() : new ManagedFieldsStrippingStore<>(trim));
        informer.addEventHandler(handler);
        for (String key : indexedLabels) {
            informer.addIndexers(Map.of(labelIndex(key), object -> {
                String value = object.getMetadata().getLabels() == null ? null : object.getMetadata().getLabels().get(key);
                return value == null ? List.of() : List.of(value);
            }));
        }
        informers.computeIfAbsent(type, ignored -> new LinkedHashMap<>()).put(namespace, informer);
        return informer.start().toCompletableFuture();
    }

    /** Whether every informer has listed its objects. */
    synchronized boolean hasSynced() {
        return all().allMatch(SharedIndexInformer::hasSynced);
    }

    /** Whether an informer stopped on its own (fabric8 stops one for good when its first list fails). */
    synchronized boolean anyStopped() {
        return all().anyMatch(informer -> informer.stopped().toCompletableFuture().isDone());
    }

    synchronized void stop() {
        all().forEach(SharedIndexInformer::stop);
    }

    /** A copy of a cached object. */
    <S extends HasMetadata> Optional<S> copy(Class<S> type, ResourceKey key) {
        return view(type, key).map(serialization::clone);
    }

    /** The cached object itself, shared with every reader: read it, never modify it. */
    <S extends HasMetadata> Optional<S> view(Class<S> type, ResourceKey key) {
        SharedIndexInformer<S> informer = informerFor(type, key.namespace());
        if (informer == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(informer.getStore().getByKey(key.namespace() + "/" + key.name()));
    }

    /** Copies of the cached objects of a kind in one namespace carrying all the given labels. */
    <S extends HasMetadata> List<S> copies(Class<S> type, String namespace, Map<String, String> labels) {
        return views(type, namespace, labels).stream().map(serialization::clone).toList();
    }

    /** Like {@link #copies}, but the cached objects themselves: read them, never modify them. */
    <S extends HasMetadata> List<S> views(Class<S> type, String namespace, Map<String, String> labels) {
        SharedIndexInformer<S> informer = informerFor(type, namespace);
        if (informer == null) {
            return List.of();
        }
        // An indexed label narrows the candidates to one cluster's objects instead of the whole namespace's.
        List<S> candidates = labels.keySet().stream().filter(indexedLabels::contains).findFirst()
                .map(key -> informer.getIndexer().byIndex(labelIndex(key), labels.get(key)))
                .orElseGet(() -> informer.getStore().list());
        return candidates.stream().filter(object -> hasLabels(object, labels)).toList();
    }

    boolean caches(Class<? extends HasMetadata> type, String namespace) {
        return informerFor(type, namespace) != null;
    }

    @SuppressWarnings("unchecked")
    private synchronized <S extends HasMetadata> SharedIndexInformer<S> informerFor(Class<S> type, String namespace) {
        if (!watchedTypes.contains(type)) {
            throw new IllegalArgumentException("controller " + controller + " does not watch " + type.getSimpleName()
                    + "; declare it with owns() or watches()");
        }
        Map<String, SharedIndexInformer<?>> byNamespace = informers.get(type);
        return byNamespace == null ? null : (SharedIndexInformer<S>) byNamespace.get(namespace);
    }

    private java.util.stream.Stream<SharedIndexInformer<?>> all() {
        return informers.values().stream().flatMap(byNamespace -> byNamespace.values().stream());
    }

    private static String labelIndex(String labelKey) {
        return "label:" + labelKey;
    }

    private static boolean hasLabels(HasMetadata object, Map<String, String> labels) {
        Map<String, String> actual = object.getMetadata().getLabels();
        return labels.entrySet().stream().allMatch(e -> actual != null && e.getValue().equals(actual.get(e.getKey())));
    }
}
