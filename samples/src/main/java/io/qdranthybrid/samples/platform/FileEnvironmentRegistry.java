package io.qdranthybrid.samples.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.qdranthybrid.platform.environment.Environment;
import io.qdranthybrid.platform.environment.EnvironmentConfiguration;
import io.qdranthybrid.platform.environment.EnvironmentRegistry;
import io.qdranthybrid.platform.environment.UnknownEnvironmentException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A platform's own environment store: one JSON file per environment in a directory, so environments survive a restart
 * of the platform. Only what the platform decided is written (identity, namespace, configuration, when it was
 * bootstrapped); what the agent observes (status, last contact) stays in memory, because the agent reports it again as
 * soon as it reconnects and a file write per heartbeat would be waste.
 */
public final class FileEnvironmentRegistry implements EnvironmentRegistry {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Path directory;
    private final Clock clock;
    private final Map<String, Environment> environments = new ConcurrentHashMap<>();

    public FileEnvironmentRegistry(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
        try {
            Files.createDirectories(directory);
            try (Stream<Path> files = Files.list(directory)) {
                files.filter(file -> file.getFileName().toString().endsWith(".json"))
                        .map(FileEnvironmentRegistry::read)
                        .forEach(environment -> environments.put(environment.id(), environment));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read environments from " + directory, e);
        }
    }

    @Override
    public Environment create(String name, String namespace, EnvironmentConfiguration configuration) {
        Environment environment = Environment.create(UUID.randomUUID().toString(), name, namespace, configuration,
                clock.instant());
        synchronized (this) {
            write(environment);
            environments.put(environment.id(), environment);
        }
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
    public synchronized Environment update(String environmentId, UnaryOperator<Environment> change) {
        Environment current = environments.get(environmentId);
        if (current == null) {
            throw new UnknownEnvironmentException(environmentId);
        }
        Environment updated = change.apply(current);
        if (!StoredEnvironment.of(updated).equals(StoredEnvironment.of(current))) {
            write(updated);
        }
        environments.put(environmentId, updated);
        return updated;
    }

    @Override
    public synchronized boolean delete(String environmentId) {
        try {
            Files.deleteIfExists(fileOf(environmentId));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete environment " + environmentId, e);
        }
        return environments.remove(environmentId) != null;
    }

    private void write(Environment environment) {
        Path target = fileOf(environment.id());
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            JSON.writeValue(temporary.toFile(), StoredEnvironment.of(environment));
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write environment " + environment.id() + " to " + target, e);
        }
    }

    private Path fileOf(String environmentId) {
        // Ids are our own UUIDs; refuse anything else so an id can never name a path outside the directory.
        return directory.resolve(UUID.fromString(environmentId) + ".json");
    }

    private static Environment read(Path file) {
        try {
            return JSON.readValue(file.toFile(), StoredEnvironment.class).toEnvironment();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read environment file " + file, e);
        }
    }

    /** The durable part of an {@link Environment}. */
    record StoredEnvironment(String id, String name, String namespace, EnvironmentConfiguration configuration,
                             Instant createdAt, Instant updatedAt, Instant bootstrappedAt) {

        static StoredEnvironment of(Environment environment) {
            return new StoredEnvironment(environment.id(), environment.name(), environment.namespace(),
                    environment.configuration(), environment.createdAt(), environment.updatedAt(),
                    environment.bootstrappedAt());
        }

        Environment toEnvironment() {
            return new Environment(id, name, namespace, configuration, createdAt, updatedAt, bootstrappedAt,
                    null, null, null, null);
        }
    }
}
