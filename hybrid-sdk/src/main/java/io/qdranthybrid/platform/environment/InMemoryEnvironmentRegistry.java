package io.qdranthybrid.platform.environment;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** Environments in a map: for tests, demos and control planes that rebuild their registry at start. Thread-safe. */
public final class InMemoryEnvironmentRegistry implements EnvironmentRegistry {

    private final Map<String, Environment> environments = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryEnvironmentRegistry(Clock clock) {
        this.clock = clock;
    }

    public InMemoryEnvironmentRegistry() {
        this(Clock.systemUTC());
    }

    @Override
    public Environment create(String name, String namespace, EnvironmentConfiguration configuration) {
        Environment environment = Environment.create(UUID.randomUUID().toString(), name, namespace, configuration,
                clock.instant());
        environments.put(environment.id(), environment);
        return environment;
    }

    @Override
    public Optional<Environment> find(String environmentId) {
        return environmentId == null ? Optional.empty() : Optional.ofNullable(environments.get(environmentId));
    }

    @Override
    public List<Environment> list() {
        return environments.values().stream().sorted(Comparator.comparing(Environment::createdAt)).toList();
    }

    @Override
    public Environment update(String environmentId, UnaryOperator<Environment> change) {
        Environment updated = environments.computeIfPresent(environmentId, (id, current) -> change.apply(current));
        if (updated == null) {
            throw new UnknownEnvironmentException(environmentId);
        }
        return updated;
    }

    @Override
    public boolean delete(String environmentId) {
        return environments.remove(environmentId) != null;
    }
}
