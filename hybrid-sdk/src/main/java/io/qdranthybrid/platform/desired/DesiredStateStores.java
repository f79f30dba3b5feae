package io.qdranthybrid.platform.desired;

import io.qdranthybrid.platform.environment.EnvironmentRegistry;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One {@link DesiredStateStore} per environment, created on first use in the environment's namespace from what the
 * {@link DesiredStateRepository} holds (in memory unless you pass one). With a {@link DesiredStateChangeFeed}, several
 * replicas share one repository: a change saved by any of them reaches the others' stores. Thread-safe.
 */
public final class DesiredStateStores {

    private final EnvironmentRegistry registry;
    private final int historyLimit;
    private final DesiredStateRepository repository;
    private final Map<String, DesiredStateStore> stores = new ConcurrentHashMap<>();
    private final List<DesiredStateListener> listeners = new CopyOnWriteArrayList<>();

    public DesiredStateStores(EnvironmentRegistry registry, int historyLimit, DesiredStateRepository repository) {
        this(registry, historyLimit, repository, DesiredStateChangeFeed.NONE);
    }

    /**
     * Stores shared with other replicas through {@code repository}: each revision {@code feed} announces brings the
     * environment's store (if this replica has loaded it) up to date, and its listeners push it to a connected agent.
     */
    public DesiredStateStores(EnvironmentRegistry registry, int historyLimit, DesiredStateRepository repository,
                              DesiredStateChangeFeed feed) {
        this.registry = registry;
        this.historyLimit = historyLimit;
        this.repository = repository;
        feed.subscribe(this::revisionAnnounced);
    }

    private void revisionAnnounced(String environmentId, long revision) {
        DesiredStateStore store = stores.get(environmentId);
        if (store != null) {
            store.catchUpTo(revision);
        }
    }

    public DesiredStateStores(EnvironmentRegistry registry, int historyLimit) {
        this(registry, historyLimit, new InMemoryDesiredStateRepository());
    }

    public DesiredStateStores(EnvironmentRegistry registry, DesiredStateRepository repository) {
        this(registry, DesiredStateStore.DEFAULT_HISTORY_LIMIT, repository);
    }

    public DesiredStateStores(EnvironmentRegistry registry) {
        this(registry, DesiredStateStore.DEFAULT_HISTORY_LIMIT);
    }

    /**
     * The store of an environment.
     *
     * @throws io.qdranthybrid.platform.environment.UnknownEnvironmentException if it is not registered
     */
    public DesiredStateStore forEnvironment(String environmentId) {
        return stores.computeIfAbsent(environmentId, id -> {
            DesiredStateStore store = new DesiredStateStore(id, registry.require(id).namespace(), historyLimit,
                    repository);
            listeners.forEach(store::addListener);
            return store;
        });
    }

    public Optional<DesiredStateStore> existing(String environmentId) {
        return Optional.ofNullable(stores.get(environmentId));
    }

    /** Listens to every store, present and future. */
    public void addListener(DesiredStateListener listener) {
        listeners.add(listener);
        stores.values().forEach(store -> store.addListener(listener));
    }

    /** Forgets the environment's desired state, persisted copy included. */
    public void remove(String environmentId) {
        DesiredStateStore removed = stores.remove(environmentId);
        if (removed != null) {
            removed.forget();
        } else {
            repository.delete(environmentId);
        }
    }
}
