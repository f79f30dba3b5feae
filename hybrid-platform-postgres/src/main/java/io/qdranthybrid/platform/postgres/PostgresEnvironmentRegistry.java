package io.qdranthybrid.platform.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.qdranthybrid.platform.environment.Environment;
import io.qdranthybrid.platform.environment.EnvironmentConfiguration;
import io.qdranthybrid.platform.environment.EnvironmentRegistry;
import io.qdranthybrid.platform.environment.UnknownEnvironmentException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Environments in PostgreSQL, shared by every replica on the database. {@link #update} locks the row
 * ({@code SELECT ... FOR UPDATE}) for the change, so two replicas updating the same environment apply one after the
 * other, each to the other's result. The environment is kept whole as JSON; its rules stay in {@link Environment}.
 */
public final class PostgresEnvironmentRegistry implements EnvironmentRegistry {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Jdbc jdbc;
    private final Clock clock;

    public PostgresEnvironmentRegistry(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.clock = clock;
    }

    public PostgresEnvironmentRegistry(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    @Override
    public Environment create(String name, String namespace, EnvironmentConfiguration configuration) {
        Environment environment = Environment.create(UUID.randomUUID().toString(), name, namespace, configuration,
                clock.instant());
        return jdbc.inTransaction("create environment " + name, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO environment (id, name, namespace, created_at, document) VALUES (?, ?, ?, ?, ?::jsonb)")) {
                insert.setString(1, environment.id());
                insert.setString(2, environment.name());
                insert.setString(3, environment.namespace());
                insert.setTimestamp(4, Timestamp.from(environment.createdAt()));
                insert.setString(5, toJson(environment));
                insert.executeUpdate();
            }
            return environment;
        });
    }

    @Override
    public Optional<Environment> find(String environmentId) {
        if (environmentId == null) {
            return Optional.empty();
        }
        return jdbc.inTransaction("read environment " + environmentId,
                connection -> read(connection, environmentId, false));
    }

    @Override
    public List<Environment> list() {
        return jdbc.inTransaction("list environments", connection -> {
            List<Environment> environments = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT document FROM environment ORDER BY created_at, position");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    environments.add(fromJson(rows.getString(1)));
                }
            }
            return environments;
        });
    }

    @Override
    public Environment update(String environmentId, UnaryOperator<Environment> change) {
        return jdbc.inTransaction("update environment " + environmentId, connection -> {
            Environment current = read(connection, environmentId, true)
                    .orElseThrow(() -> new UnknownEnvironmentException(environmentId));
            Environment updated = change.apply(current);
            if (!updated.id().equals(environmentId)) {
                throw new IllegalArgumentException("an update cannot change the id of environment " + environmentId);
            }
            try (PreparedStatement write = connection.prepareStatement(
                    "UPDATE environment SET name = ?, namespace = ?, document = ?::jsonb WHERE id = ?")) {
                write.setString(1, updated.name());
                write.setString(2, updated.namespace());
                write.setString(3, toJson(updated));
                write.setString(4, environmentId);
                write.executeUpdate();
            }
            return updated;
        });
    }

    @Override
    public boolean delete(String environmentId) {
        return jdbc.inTransaction("delete environment " + environmentId, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM environment WHERE id = ?")) {
                delete.setString(1, environmentId);
                return delete.executeUpdate() > 0;
            }
        });
    }

    private static Optional<Environment> read(Connection connection, String environmentId, boolean forUpdate)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT document FROM environment WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
            select.setString(1, environmentId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(fromJson(rows.getString(1))) : Optional.empty();
            }
        }
    }

    private static String toJson(Environment environment) {
        try {
            return JSON.writeValueAsString(environment);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize environment " + environment.id(), e);
        }
    }

    private static Environment fromJson(String document) {
        try {
            return JSON.readValue(document, Environment.class);
        } catch (JsonProcessingException e) {
            throw new PlatformStoreException("cannot read a stored environment: " + e.getOriginalMessage(), e);
        }
    }
}
