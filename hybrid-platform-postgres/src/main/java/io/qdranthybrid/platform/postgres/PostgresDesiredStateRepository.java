package io.qdranthybrid.platform.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdranthybrid.platform.desired.DesiredStateRepository;
import io.qdranthybrid.platform.desired.PersistedDesiredState;
import io.qdranthybrid.protocol.message.DesiredResource;
import io.qdranthybrid.protocol.message.ResourceKey;
import io.qdranthybrid.protocol.message.ResourceKind;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Desired states in PostgreSQL. Each save is one transaction that moves the environment's revision up and writes
 * only the resources whose revision changed; a resource that left the state keeps a tombstone row at the revision
 * of its deletion. So besides {@link #load}, {@link #changesSince} answers "what changed after revision r" exactly,
 * whichever replica asks and after any restart.
 *
 * <p>Optimistic concurrency: a save must carry a revision above the stored one, otherwise another writer got there
 * first and the save fails with {@link StaleRevisionException}, leaving the stored state untouched.
 */
public final class PostgresDesiredStateRepository implements DesiredStateRepository {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbc jdbc;

    public PostgresDesiredStateRepository(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public Optional<PersistedDesiredState> load(String environmentId) {
        return jdbc.inSnapshot("read the desired state of environment " + environmentId, connection -> {
            Optional<Long> revision = revisionOf(connection, environmentId, false);
            if (revision.isEmpty()) {
                return Optional.empty();
            }
            List<DesiredResource> live = resources(connection, environmentId, -1).stream()
                    .filter(resource -> !resource.isTombstone()).toList();
            return Optional.of(new PersistedDesiredState(revision.get(), live));
        });
    }

    /**
     * Every resource changed or deleted after {@code revision}, in revision order (deletions as tombstones), and the
     * current revision; empty if nothing was ever saved for the environment.
     */
    public Optional<StoredChanges> changesSince(String environmentId, long revision) {
        return jdbc.inSnapshot("read the desired-state changes of environment " + environmentId, connection ->
                revisionOf(connection, environmentId, false).map(current ->
                        new StoredChanges(revision, current, uncheckedResources(connection, environmentId, revision))));
    }

    @Override
    public void save(String environmentId, PersistedDesiredState state) {
        jdbc.inTransaction("save the desired state of environment " + environmentId + " at revision "
                + state.revision(), connection -> {
            // Two first saves racing: the second waits on the first's row here, then conflicts below like any other.
            try (PreparedStatement claim = connection.prepareStatement("INSERT INTO desired_state (environment_id,"
                    + " revision) VALUES (?, 0) ON CONFLICT (environment_id) DO NOTHING")) {
                claim.setString(1, environmentId);
                claim.executeUpdate();
            }
            long stored = revisionOf(connection, environmentId, true).orElseThrow();
            if (stored >= state.revision()) {
                throw new StaleRevisionException(environmentId, state.revision(), stored);
            }
            writeRevision(connection, environmentId, state.revision());
            writeChanges(connection, environmentId, state);
            // Sent only if this transaction commits: other replicas' stores catch up (PostgresDesiredStateChangeFeed).
            Jdbc.notifyOnCommit(connection, PostgresDesiredStateChangeFeed.CHANNEL,
                    PostgresDesiredStateChangeFeed.payload(environmentId, state.revision()));
            return null;
        });
    }

    @Override
    public void delete(String environmentId) {
        jdbc.inTransaction("delete the desired state of environment " + environmentId, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM desired_state WHERE environment_id = ?")) {
                delete.setString(1, environmentId);
                delete.executeUpdate();
            }
            return null;
        });
    }

    private static Optional<Long> revisionOf(Connection connection, String environmentId, boolean forUpdate)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT revision FROM desired_state WHERE environment_id = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
            select.setString(1, environmentId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
            }
        }
    }

    private static void writeRevision(Connection connection, String environmentId, long revision)
            throws SQLException {
        try (PreparedStatement write = connection.prepareStatement(
                "UPDATE desired_state SET revision = ? WHERE environment_id = ?")) {
            write.setLong(1, revision);
            write.setString(2, environmentId);
            write.executeUpdate();
        }
    }

    /** Upserts resources whose revision moved and turns rows that left the state into tombstones at its revision. */
    private static void writeChanges(Connection connection, String environmentId, PersistedDesiredState state)
            throws SQLException {
        Map<ResourceKey, DesiredResource> stored = new HashMap<>();
        for (DesiredResource resource : resources(connection, environmentId, -1)) {
            stored.put(resource.key(), resource);
        }
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO desired_resource (environment_id, kind, namespace, name, revision, manifest)"
                        + " VALUES (?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT (environment_id, kind, namespace, name)"
                        + " DO UPDATE SET revision = excluded.revision, manifest = excluded.manifest")) {
            for (DesiredResource resource : state.resources()) {
                DesiredResource before = stored.remove(resource.key());
                if (before == null || before.isTombstone() || before.revision() != resource.revision()
                        || !before.manifest().equals(resource.manifest())) {
                    bind(upsert, environmentId, resource.key(), resource.revision(), toJson(resource));
                    upsert.addBatch();
                }
            }
            for (DesiredResource gone : stored.values()) {
                if (!gone.isTombstone()) {
                    bind(upsert, environmentId, gone.key(), state.revision(), null);
                    upsert.addBatch();
                }
            }
            upsert.executeBatch();
        }
    }

    private static void bind(PreparedStatement statement, String environmentId, ResourceKey key, long revision,
                             String manifest) throws SQLException {
        statement.setString(1, environmentId);
        statement.setString(2, key.kind().wireName());
        statement.setString(3, key.namespace());
        statement.setString(4, key.name());
        statement.setLong(5, revision);
        statement.setString(6, manifest);
    }

    private List<DesiredResource> uncheckedResources(Connection connection, String environmentId, long after) {
        try {
            return resources(connection, environmentId, after);
        } catch (SQLException e) {
            throw new PlatformStoreException("cannot read the desired resources of environment " + environmentId
                    + ": " + e.getMessage(), e);
        }
    }

    /** Resources (and tombstones) with a revision above {@code after}, in revision order. */
    private static List<DesiredResource> resources(Connection connection, String environmentId, long after)
            throws SQLException {
        List<DesiredResource> resources = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT kind, namespace, name, revision, manifest"
                + " FROM desired_resource WHERE environment_id = ? AND revision > ? ORDER BY revision, kind, namespace, name")) {
            select.setString(1, environmentId);
            select.setLong(2, after);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String kindName = rows.getString(1);
                    ResourceKind kind = ResourceKind.fromWireName(kindName).orElseThrow(() -> new PlatformStoreException(
                            "environment " + environmentId + " stores an unknown resource kind '" + kindName + "'"));
                    ResourceKey key = new ResourceKey(kind, rows.getString(2), rows.getString(3));
                    String manifest = rows.getString(5);
                    resources.add(manifest == null ? DesiredResource.tombstone(key, rows.getLong(4))
                            : DesiredResource.present(key, rows.getLong(4), fromJson(manifest)));
                }
            }
        }
        return resources;
    }

    private static String toJson(DesiredResource resource) {
        try {
            return JSON.writeValueAsString(resource.manifestIfPresent().orElseThrow());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the manifest of " + resource.key(), e);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode fromJson(String manifest) {
        try {
            return JSON.readTree(manifest);
        } catch (JsonProcessingException e) {
            throw new PlatformStoreException("cannot read a stored manifest: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * What changed in an environment's desired state after {@code since}: each resource at most once, at the revision
     * of its last change, deletions as tombstones.
     */
    public record StoredChanges(long since, long revision, List<DesiredResource> resources) {

        public StoredChanges {
            resources = List.copyOf(resources);
        }
    }
}
