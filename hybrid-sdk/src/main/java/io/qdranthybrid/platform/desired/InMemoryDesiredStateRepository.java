package io.qdranthybrid.platform.desired;

import io.qdranthybrid.threads.SdkThreads;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Keeps desired states in this process: a gateway (or its stores) restarted in the same process continues at the same
 * revisions. Nothing survives the process; use {@link FileDesiredStateRepository} or a database of your own for that.
 *
 * <p>Several stores may share it (replicas in one process, as in tests): a save must move the revision up
 * ({@link DesiredStateConflictException} otherwise), and {@link #changeFeed()} tells every subscriber after each save,
 * in order, on one daemon thread.
 */
public final class InMemoryDesiredStateRepository implements DesiredStateRepository {

    private final Map<String, PersistedDesiredState> states = new ConcurrentHashMap<>();
    private final List<DesiredStateListener> subscribers = new CopyOnWriteArrayList<>();
    /**
     * Subscribers are told on a thread of their own, as a database's notifications would arrive: a store saves while
     * holding its lock, and telling another store from there could deadlock with that store saving at the same time.
     */
    private volatile ExecutorService notifier;

    @Override
    public Optional<PersistedDesiredState> load(String environmentId) {
        return Optional.ofNullable(states.get(environmentId));
    }

    @Override
    public void save(String environmentId, PersistedDesiredState state) {
        states.compute(environmentId, (id, stored) -> {
            if (stored != null && stored.revision() >= state.revision()) {
                throw new DesiredStateConflictException(environmentId, state.revision(), stored.revision());
            }
            return state;
        });
        ExecutorService running = notifier;
        if (running != null) {
            running.execute(() -> subscribers.forEach(listener -> listener.revisionStored(environmentId,
                    state.revision())));
        }
    }

    @Override
    public void delete(String environmentId) {
        states.remove(environmentId);
    }

    /** Told after every save to this repository, by any store. */
    public DesiredStateChangeFeed changeFeed() {
        return listener -> {
            synchronized (subscribers) {
                if (notifier == null) {
                    notifier = Executors.newSingleThreadExecutor(SdkThreads.named("qdrant-platform-desired-state-feed"));
                }
            }
            subscribers.add(listener);
        };
    }
}
