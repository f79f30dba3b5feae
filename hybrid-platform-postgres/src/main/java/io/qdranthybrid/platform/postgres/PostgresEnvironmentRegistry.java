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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Environments in PostgreSQL, shared by every replica on the database. {@link #update} locks the row
 * ({@code SELECT ... FOR UPDATE}) for the change, so two replicas updating the same environment apply one after the
 * other, each to the other's result. The environment is kept whole as JSON; its rules stay in {@link Environment}.
 *
 * <p>An update that only moves the agent's last contact (what sessions record every few seconds) writes the
 * {@code agent_contact} table instead, without locking or rewriting the environment; reads take the later of the two.
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
                    "SELECT e.document, c.last_contact_ns FROM environment e LEFT JOIN agent_contact c"
                            + " ON c.environment_id = e.id ORDER BY e.created_at, e.position");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    environments.add(environmentOf(rows));
                }
            }
            return environments;
        });
    }

    @Override
    public Environment update(String environmentId, UnaryOperator<Environment> change) {
        Optional<Environment> contactOnly = updateContactOnly(environmentId, change);
        if (contactOnly.isPresent()) {
            return contactOnly.get();
        }
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

    /**
     * Applies {@code change} to the environment as read without a lock; if all it moved is the last contact, records
     * that alone (the later contact wins) and returns the result. Empty if the change does more (or there is no such
     * environment): the caller applies it under the row lock.
     */
    private Optional<Environment> updateContactOnly(String environmentId, UnaryOperator<Environment> change) {
        return jdbc.inTransaction("record the agent contact of environment " + environmentId, connection -> {
            Optional<Environment> current = read(connection, environmentId, false);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            Environment updated = change.apply(current.get());
            if (updated.lastContactAt() == null || updated.lastContactAt().equals(current.get().lastContactAt())
                    || !withContact(current.get(), updated.lastContactAt()).equals(updated)) {
                return Optional.empty();
            }
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO agent_contact (environment_id,"
                    + " last_contact_ns) VALUES (?, ?) ON CONFLICT (environment_id) DO UPDATE SET last_contact_ns ="
                    + " GREATEST(agent_contact.last_contact_ns, excluded.last_contact_ns)")) {
                upsert.setString(1, environmentId);
                upsert.setLong(2, nanos(updated.lastContactAt()));
                upsert.executeUpdate();
            }
            return Optional.of(updated);
        });
    }

    private static Optional<Environment> read(Connection connection, String environmentId, boolean forUpdate)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT e.document, c.last_contact_ns FROM"
                + " environment e LEFT JOIN agent_contact c ON c.environment_id = e.id WHERE e.id = ?"
                + (forUpdate ? " FOR UPDATE OF e" : ""))) {
            select.setString(1, environmentId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(environmentOf(rows)) : Optional.empty();
            }
        }
    }

    /** The document with the later of its own last contact and the one in {@code agent_contact}. */
    private static Environment environmentOf(ResultSet row) throws SQLException {
        Environment document = fromJson(row.getString(1));
        long contactNanos = row.getLong(2);
        if (row.wasNull()) {
            return document;
        }
        Instant contact = Instant.ofEpochSecond(0, contactNanos);
        return document.lastContactAt() != null && !document.lastContactAt().isBefore(contact) ? document
                : withContact(document, contact);
    }

    private static Environment withContact(Environment e, Instant contact) {
        return new Environment(e.id(), e.name(), e.namespace(), e.configuration(), e.createdAt(), e.updatedAt(),
                e.bootstrappedAt(), e.lastStatus(), e.lastStatusAt(), contact, e.syncFailure());
    }

    private static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
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
