package io.qdranthybrid.platform.environment;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where a control plane keeps its environments (SPI; {@link InMemoryEnvironmentRegistry} is the default). The rules
 * live in {@link Environment}; an implementation only stores and must apply {@link #update} atomically.
 */
public interface EnvironmentRegistry {

    /** Registers a new environment with a fresh id. */
    Environment create(String name, String namespace, EnvironmentConfiguration configuration);

    Optional<Environment> find(String environmentId);

    List<Environment> list();

    /**
     * Replaces the environment with {@code change} applied to its current value, atomically.
     *
     * @throws UnknownEnvironmentException if there is no such environment
     */
    Environment update(String environmentId, UnaryOperator<Environment> change);

    /** @return false if there was no such environment */
    boolean delete(String environmentId);

    default Environment require(String environmentId) {
        return find(environmentId).orElseThrow(() -> new UnknownEnvironmentException(environmentId));
    }
}
