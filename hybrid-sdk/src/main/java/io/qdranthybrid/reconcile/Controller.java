package io.qdranthybrid.reconcile;

import io.qdranthybrid.threads.SdkThreads;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Reconciles one primary kind in a fixed set of namespaces: shared informers keep a cache of the primaries and of
 * the kinds they own or relate to, every change queues the affected primary's key, and N workers run the
 * {@link Reconciler} with the cached object once the caches have synced. See {@link Builder} for the options.
 */
public final class Controller<R extends HasMetadata> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Controller.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private enum Phase { NEW, INFORMING, RUNNING, STOPPED }

    private record Secondary<S extends HasMetadata>(Class<S> type, SecondaryMapper<S> mapper) {
    }

    /** How soon to look again when the cache has not caught up with our own status write. */
    private static final Duration CACHE_LAG = Duration.ofMillis(50);

    private final String name;
    private final Class<R> primaryType;
    private final String primaryKind;
    private final Reconciler<R> reconciler;
    private final Set<String> namespaces;
    private final int workers;
    private final Duration resyncPeriod;
    private final boolean ignoreStatusOnlyChanges;
    private final StatusWrites ownStatusWrites;
    private final ReconcileMetrics metrics;
    private final List<Secondary<?>> secondaries;
    private final ScheduledExecutorService scheduler;
    private final WorkQueue<ResourceKey> queue;
    private final InformerCache cache;
    private final Finalizers<R> finalizers;
    private final AtomicInteger activeWorkers = new AtomicInteger();
    private CompletableFuture<Void> synced;
    private ExecutorService workerPool;
    private Phase phase = Phase.NEW;

    private Controller(Builder<R> builder) {
        this.primaryType = builder.primaryType;
        this.primaryKind = HasMetadata.getKind(primaryType);
        this.name = builder.name != null ? builder.name : primaryKind.toLowerCase();
        this.reconciler = builder.reconciler;
        this.namespaces = Set.copyOf(builder.namespaces);
        this.workers = builder.workers;
        this.resyncPeriod = builder.resyncPeriod;
        this.ignoreStatusOnlyChanges = builder.ignoreStatusOnlyChanges;
        this.ownStatusWrites = builder.ownStatusWrites;
        this.metrics = builder.metrics;
        this.secondaries = List.copyOf(builder.secondaries);
        Set<Class<? extends HasMetadata>> watched = new LinkedHashSet<>();
        watched.add(primaryType);
        secondaries.forEach(secondary -> watched.add(secondary.type()));
        this.cache = new InformerCache(name, builder.client, watched, builder.indexedLabels, builder.trims, resyncPeriod);
        this.finalizers = new Finalizers<>(name, primaryKind, builder.client, reconciler, builder.finalizer);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(SdkThreads.named(name + "-delays"));
        this.queue = new WorkQueue<>(scheduler, builder.backoff, depth -> metrics.queueDepth(name, depth));
    }

    /** Starts configuring a controller of {@code primaryType} resources driven by {@code reconciler}. */
    public static <R extends HasMetadata> Builder<R> builder(KubernetesClient client, Class<R> primaryType, Reconciler<R> reconciler) {
        return new Builder<>(client, primaryType, reconciler);
    }

    /**
     * Starts the informers without reconciling: a standby replica warms its caches (and becomes ready) so that it
     * can take over at once; keys queue up meanwhile. Idempotent.
     */
    public synchronized void startInformers() {
        if (phase == Phase.STOPPED) {
            throw new IllegalStateException("controller " + name + " was stopped and cannot be restarted; build a new one");
        }
        if (phase != Phase.NEW) {
            return;
        }
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (String namespace : namespaces) {
            starts.add(cache.inform(primaryType, namespace, new EventKeys<>(name,
                    primary -> Set.of(ResourceKey.of(primary)), ignoreStatusOnlyChanges, this::enqueue)));
            for (Secondary<?> secondary : secondaries) {
                starts.add(informSecondary(secondary, namespace));
            }
        }
        synced = CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new));
        synced.whenComplete((ignored, error) -> {
            if (error != null) {
                LOG.error("Controller {}: informers failed to start in {}: {}", name, namespaces, error.toString());
            } else {
                LOG.info("Controller {}: caches synced in {}", name, namespaces);
            }
        });
        phase = Phase.INFORMING;
    }

    /** Starts the informers if needed and, once they have synced, the workers. Idempotent until {@link #stop()}. */
    public synchronized void start() {
        startInformers();
        if (phase != Phase.INFORMING) {
            return;
        }
        phase = Phase.RUNNING;
        synced.thenRun(this::startWorkers);
    }

    /** Whether every informer has listed its objects, i.e. the cache is complete (use for readiness). */
    public synchronized boolean hasSynced() {
        return phase != Phase.NEW && phase != Phase.STOPPED && cache.hasSynced();
    }

    /**
     * Whether this controller can never reconcile again: it was stopped, its informers failed to list at start (fabric8
     * then stops them for good), or an informer stopped on its own. Only a new controller, or a new process, recovers.
     */
    public synchronized boolean isDefunct() {
        if (phase == Phase.STOPPED) {
            return true;
        }
        if (synced != null && synced.isCompletedExceptionally()) {
            return true;
        }
        return cache.anyStopped();
    }

    /** Queues a reconcile of {@code key}, e.g. when something outside Kubernetes changed. */
    /**
     * Whether no key is queued and no reconcile is running (retries waiting on their delay aside): with the events
     * of interest already in the cache, every reconcile they cause has finished.
     */
    public boolean isIdle() {
        return queue.isIdle();
    }

    public void enqueue(ResourceKey key) {
        if (namespaces.contains(key.namespace())) {
            queue.add(key);
        } else {
            LOG.debug("Controller {}: ignoring {} outside the watched namespaces {}", name, key, namespaces);
        }
    }

    /** A copy of the cached primary, if present; empty before the cache has synced. */
    public Optional<R> cached(ResourceKey key) {
        return cached(primaryType, key);
    }

    /** A copy of a cached object of the primary kind or a kind this controller watches. */
    public <S extends HasMetadata> Optional<S> cached(Class<S> type, ResourceKey key) {
        return cache.copy(type, key);
    }

    /**
     * The cached object itself, shared with the informer cache and with other readers: read it, never modify it.
     * Saves the deep copy {@link #cached(Class, ResourceKey)} makes, which dominated a reconcile's CPU time when
     * every observation copied the StatefulSet, pods and volume claims of a cluster.
     */
    public <S extends HasMetadata> Optional<S> cachedView(Class<S> type, ResourceKey key) {
        return cache.view(type, key);
    }

    /**
     * Copies of the cached objects of a kind this controller watches, in one namespace, carrying all the given labels;
     * empty when that kind is not watched there. Costs no request, unlike a LIST.
     */
    public <S extends HasMetadata> List<S> cachedList(Class<S> type, String namespace,
                                                                 Map<String, String> labels) {
        return cache.copies(type, namespace, labels);
    }

    /** Like {@link #cachedList}, but the cached objects themselves: read them, never modify them. */
    public <S extends HasMetadata> List<S> cachedListView(Class<S> type, String namespace, Map<String, String> labels) {
        return cache.views(type, namespace, labels);
    }

    /** Whether this controller keeps an informer cache of {@code type} in {@code namespace}. */
    public boolean caches(Class<? extends HasMetadata> type, String namespace) {
        return cache.caches(type, namespace);
    }

    /** Stops the workers (letting running reconciles finish for a grace period) and the informers. */
    public void stop() {
        ExecutorService pool;
        synchronized (this) {
            if (phase == Phase.STOPPED) {
                return;
            }
            phase = Phase.STOPPED;
            pool = workerPool;
        }
        queue.shutDown();
        if (pool != null) {
            pool.shutdown();
            try {
                if (!pool.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    pool.shutdownNow();
                }
            } catch (InterruptedException e) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        cache.stop();
        scheduler.shutdownNow();
        LOG.info("Controller {} stopped", name);
    }

    @Override
    public void close() {
        stop();
    }

    /** The name used in logs, thread names and metrics. */
    public String name() {
        return name;
    }

    private synchronized void startWorkers() {
        if (phase != Phase.RUNNING || workerPool != null) {
            return;
        }
        workerPool = Executors.newFixedThreadPool(workers, SdkThreads.pool(name + "-worker"));
        for (int i = 0; i < workers; i++) {
            workerPool.execute(this::work);
        }
        LOG.info("Controller {}: {} workers reconciling {} in {}", name, workers, primaryKind, namespaces);
    }

    private void work() {
        while (true) {
            Optional<ResourceKey> next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (next.isEmpty()) {
                return;
            }
            ResourceKey key = next.get();
            reportActiveWorkers(+1);
            try {
                process(key);
            } finally {
                queue.done(key);
                reportActiveWorkers(-1);
            }
        }
    }

    // Synchronized so that the gauge's last report is the current count, whatever the interleaving of workers.
    private synchronized void reportActiveWorkers(int delta) {
        metrics.activeWorkers(name, activeWorkers.addAndGet(delta));
    }

    private void process(ResourceKey key) {
        Optional<R> current = cached(key);
        if (current.isEmpty()) {
            // Deleted (or never seen): nothing to converge, and no backoff to remember.
            queue.forget(key);
            reconciler.forget(key);
            return;
        }
        if (ownStatusWrites != null && ownStatusWrites.cacheLagsBehind(current.get())) {
            // Our last status write is not in the cache yet; the watch delivers it within milliseconds.
            queue.addAfter(key, CACHE_LAG);
            return;
        }
        metrics.reconcileStarted(name, key);
        long started = System.nanoTime();
        try {
            ReconcileResult result = finalizers.reconcileOrCleanUp(current.get());
            queue.forget(key);
            ReconcileOutcome outcome = ReconcileOutcome.DONE;
            if (result instanceof ReconcileResult.RequeueAfter requeue) {
                queue.addAfter(key, requeue.delay());
                outcome = ReconcileOutcome.REQUEUE;
            }
            metrics.reconcileFinished(name, key, Duration.ofNanos(System.nanoTime() - started), outcome);
        } catch (Exception e) {
            Duration delay = queue.addWithBackoff(key);
            if (isConflict(e)) {
                // A stale cache or a concurrent writer: routine, the retry reads the newer version.
                LOG.debug("Controller {}: reconcile of {} {} hit a conflict, retrying in {} ms", name, primaryKind, key, delay.toMillis());
            } else {
                LOG.warn("Controller {}: reconcile of {} {} failed {} time(s) in a row, retrying in {} ms: {}", name,
                        primaryKind, key, queue.failures(key), delay.toMillis(), e.toString());
                LOG.debug("Controller {}: reconcile of {} failed", name, key, e);
            }
            metrics.reconcileFailed(name, key, e);
            metrics.reconcileFinished(name, key, Duration.ofNanos(System.nanoTime() - started), ReconcileOutcome.ERROR);
        }
    }

    private static boolean isConflict(Exception e) {
        return e instanceof KubernetesClientException kube && kube.getCode() == HttpURLConnection.HTTP_CONFLICT;
    }

    private <S extends HasMetadata> CompletableFuture<Void> informSecondary(Secondary<S> secondary, String namespace) {
        return cache.inform(secondary.type(), namespace, new EventKeys<>(name, secondary.mapper(), false, this::enqueue));
    }

    /**
     * Configures a {@link Controller}. Required: the namespaces to watch (the controller never watches
     * cluster-wide). Defaults: 2 workers, no periodic resync, no finalizer, {@link RetryBackoff#defaults()}, no metrics.
     */
    public static final class Builder<R extends HasMetadata> {
        private final KubernetesClient client;
        private final Class<R> primaryType;
        private final Reconciler<R> reconciler;
        private final Set<String> namespaces = new LinkedHashSet<>();
        private final List<Secondary<?>> secondaries = new ArrayList<>();
        private String name;
        private int workers = 2;
        private Duration resyncPeriod = Duration.ZERO;
        private String finalizer;
        private RetryBackoff backoff = RetryBackoff.defaults();
        private ReconcileMetrics metrics = ReconcileMetrics.NOOP;
        private boolean ignoreStatusOnlyChanges;
        private StatusWrites ownStatusWrites;
        private final Set<String> indexedLabels = new LinkedHashSet<>();
        private final Map<Class<?>, Consumer<?>> trims = new LinkedHashMap<>();

        private Builder(KubernetesClient client, Class<R> primaryType, Reconciler<R> reconciler) {
            this.client = Objects.requireNonNull(client, "client");
            this.primaryType = Objects.requireNonNull(primaryType, "primaryType");
            this.reconciler = Objects.requireNonNull(reconciler, "reconciler");
        }

        /** Name for logs, threads and metrics; defaults to the primary kind in lower case. */
        public Builder<R> name(String name) {
            this.name = requireText(name, "name");
            return this;
        }

        /** Adds namespaces to watch; at least one is required. */
        public Builder<R> namespaces(String... namespaces) {
            for (String namespace : namespaces) {
                this.namespaces.add(requireText(namespace, "namespace"));
            }
            return this;
        }

        /** How many keys may be reconciled in parallel (never the same key twice). */
        public Builder<R> workers(int workers) {
            if (workers < 1) {
                throw new IllegalArgumentException("a controller needs at least 1 worker, got " + workers);
            }
            this.workers = workers;
            return this;
        }

        /** Re-queues every cached primary this often even without changes; zero disables. */
        public Builder<R> resyncPeriod(Duration resyncPeriod) {
            if (resyncPeriod.isNegative()) {
                throw new IllegalArgumentException("resync period must not be negative, got " + resyncPeriod);
            }
            this.resyncPeriod = resyncPeriod;
            return this;
        }

        /**
         * Adds this finalizer on the first reconcile and calls {@link Reconciler#cleanup} on deletion, removing the
         * finalizer when cleanup is done. Without it, deleted resources are simply dropped.
         */
        public Builder<R> finalizer(String finalizer) {
            requireText(finalizer, "finalizer");
            if (!finalizer.contains("/")) {
                throw new IllegalArgumentException("finalizer '" + finalizer + "' must be domain-qualified, e.g. qdrant.io/cleanup");
            }
            this.finalizer = finalizer;
            return this;
        }

        public Builder<R> backoff(RetryBackoff backoff) {
            this.backoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        /**
         * Does not reconcile a primary when an update changed only its status ({@link StatusOnlyChange}), so the
         * reconciler's own status writes cost no extra reconcile each. Only for reconcilers that derive status from
         * the world and re-queue themselves while work is in progress; resyncs and every other change still reconcile.
         */
        public Builder<R> ignoreStatusOnlyChanges() {
            this.ignoreStatusOnlyChanges = true;
            return this;
        }

        /**
         * Puts off a reconcile while the cache still shows a primary older than {@code updater}'s last status write of
         * it (see {@link StatusWrites}), so the reconciler never decides from a status it has already replaced.
         */
        public Builder<R> readsOwnStatusWrites(StatusUpdater updater) {
            this.ownStatusWrites = updater.writes();
            return this;
        }

        /**
         * Indexes every cache by this label, so {@link Controller#cachedList} with a selector naming it reads only the
         * matching objects instead of scanning the namespace (which made each reconcile cost grow with the number of
         * clusters in it).
         */
        public Builder<R> indexByLabel(String labelKey) {
            indexedLabels.add(requireText(labelKey, "labelKey"));
            return this;
        }

        /**
         * Drops, from every cached object of {@code type}, what this controller's reconciler never reads, so the cache
         * holds less (controller-runtime's cache transforms, client-go's {@code SetTransform}). The trimmed objects are
         * what the reconciler and the event mappers see: never write one back.
         */
        public <S extends HasMetadata> Builder<R> trimCached(Class<S> type, Consumer<S> trim) {
            trims.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(trim, "trim"));
            return this;
        }

        public Builder<R> metrics(ReconcileMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /** Watches objects of {@code type} whose controller ownerReference points at a primary, reconciling that primary. */
        public <S extends HasMetadata> Builder<R> owns(Class<S> type) {
            String apiVersion = HasMetadata.getApiVersion(primaryType);
            String kind = HasMetadata.getKind(primaryType);
            return watches(type, owned -> OwnerReferences.controllerOf(owned)
                    .filter(reference -> OwnerReferences.refersTo(reference, apiVersion, kind))
                    .map(reference -> Set.of(new ResourceKey(owned.getMetadata().getNamespace(), reference.getName())))
                    .orElse(Set.of()));
        }

        /** Watches objects of {@code type} and reconciles the primaries {@code mapper} relates them to. */
        public <S extends HasMetadata> Builder<R> watches(Class<S> type, SecondaryMapper<S> mapper) {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(mapper, "mapper");
            if (type.equals(primaryType) || secondaries.stream().anyMatch(existing -> existing.type().equals(type))) {
                throw new IllegalArgumentException(type.getSimpleName() + " is already watched by this controller; "
                        + "combine the mappers into one");
            }
            secondaries.add(new Secondary<>(type, mapper));
            return this;
        }

        public Controller<R> build() {
            requireNamespaced(primaryType);
            secondaries.forEach(secondary -> requireNamespaced(secondary.type()));
            if (namespaces.isEmpty()) {
                throw new IllegalArgumentException("controller for " + primaryType.getSimpleName()
                        + " needs at least one namespace: it is namespace-scoped by design");
            }
            return new Controller<>(this);
        }

        private static void requireNamespaced(Class<?> type) {
            if (!Namespaced.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException(type.getSimpleName() + " is cluster-scoped; a controller only watches "
                        + "namespaced kinds in its namespaces");
            }
        }

        private static String requireText(String value, String what) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return value;
        }
    }
}
