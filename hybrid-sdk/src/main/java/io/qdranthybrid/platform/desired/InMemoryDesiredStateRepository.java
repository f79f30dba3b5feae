package io.qdranthybrid.platform.desired;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps desired states in this process: a gateway (or its stores) restarted in the same process continues at the same
 * revisions. Nothing survives the process; use {@link FileDesiredStateRepository} or a database of your own for that.
 */
public final class InMemoryDesiredStateRepository implements DesiredStateRepository {

    private final Map<String, PersistedDesiredState> states = new ConcurrentHashMap<>();

    @Override
    public Optional<PersistedDesiredState> load(String environmentId) {
        return Optional.ofNullable(states.get(environmentId));
    }

    @Override
    public void save(String environmentId, PersistedDesiredState state) {
        states.put(environmentId, state);
    }

    @Override
    public void delete(String environmentId) {
        states.remove(environmentId);
    }
}
