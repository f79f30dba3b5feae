package io.qdranthybrid.platform.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdranthybrid.platform.sink.ResourceRejection;
import io.qdranthybrid.platform.sink.StatusSink;
import io.qdranthybrid.protocol.message.NackReason;
import io.qdranthybrid.protocol.message.ResourceKey;
import io.qdranthybrid.protocol.message.ResourceKind;
import io.qdranthybrid.protocol.message.ResourceStatus;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Resource statuses and rejections in PostgreSQL, readable from every replica. One row per resource: a status observed
 * before the one held (a resend after reconnect racing a fresher one) does not replace it, decided in the upsert
 * itself so two replicas writing at once cannot reorder it. A failed write throws, so the agent's message stays
 * unacknowledged and is sent again: a status is never lost.
 */
public final class PostgresStatusSink implements StatusSink {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbc jdbc;

    public PostgresStatusSink(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public void resourceStatus(String environmentId, ResourceStatus status) {
        jdbc.inTransaction("store the status of " + status.key() + " in environment " + environmentId, connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO resource_status (environment_id,"
                    + " kind, namespace, name, observed_revision, status, observed_second, observed_nano)"
                    + " VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?) ON CONFLICT (environment_id, kind, namespace, name)"
                    + " DO UPDATE SET observed_revision = excluded.observed_revision, status = excluded.status,"
                    + " observed_second = excluded.observed_second, observed_nano = excluded.observed_nano"
                    + " WHERE (resource_status.observed_second, resource_status.observed_nano)"
                    + " <= (excluded.observed_second, excluded.observed_nano)")) {
                bindKey(upsert, environmentId, status.key());
                upsert.setLong(5, status.observedRevision());
                upsert.setString(6, toJson(status));
                upsert.setLong(7, status.observedAt().getEpochSecond());
                upsert.setInt(8, status.observedAt().getNano());
                upsert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void resourceRejected(String environmentId, ResourceRejection rejection) {
        jdbc.inTransaction("store the rejection of " + rejection.key() + " in environment " + environmentId,
                connection -> {
                    try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO resource_rejection"
                            + " (environment_id, kind, namespace, name, revision, reason, message, rejected_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (environment_id, kind, namespace, name)"
                            + " DO UPDATE SET revision = excluded.revision, reason = excluded.reason,"
                            + " message = excluded.message, rejected_at = excluded.rejected_at")) {
                        bindKey(upsert, environmentId, rejection.key());
                        upsert.setLong(5, rejection.revision());
                        upsert.setString(6, rejection.reason().name());
                        upsert.setString(7, rejection.message());
                        upsert.setTimestamp(8, Timestamp.from(rejection.at()));
                        upsert.executeUpdate();
                    }
                    return null;
                });
    }

    @Override
    public void desiredStateApplied(String environmentId, long revision) {
        jdbc.inTransaction("close the rejections of environment " + environmentId, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM resource_rejection WHERE environment_id = ? AND revision <= ?")) {
                delete.setString(1, environmentId);
                delete.setLong(2, revision);
                delete.executeUpdate();
            }
            return null;
        });
    }

    public Optional<ResourceStatus> latest(String environmentId, ResourceKey key) {
        return statuses(environmentId, key).stream().findFirst();
    }

    /** The latest status of every resource of the environment, ordered by resource. */
    public List<ResourceStatus> statuses(String environmentId) {
        return statuses(environmentId, null);
    }

    /** Resources whose latest desired revision the agent rejected, ordered by resource. */
    public List<ResourceRejection> rejections(String environmentId) {
        return jdbc.inTransaction("read the rejections of environment " + environmentId, connection -> {
            List<ResourceRejection> rejections = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT kind, namespace, name, revision,"
                    + " reason, message, rejected_at FROM resource_rejection WHERE environment_id = ?"
                    + " ORDER BY kind, namespace, name")) {
                select.setString(1, environmentId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        rejections.add(new ResourceRejection(keyOf(rows), rows.getLong(4),
                                NackReason.valueOf(rows.getString(5)), rows.getString(6),
                                rows.getTimestamp(7).toInstant()));
                    }
                }
            }
            return rejections;
        });
    }

    private List<ResourceStatus> statuses(String environmentId, ResourceKey only) {
        return jdbc.inTransaction("read the statuses of environment " + environmentId, connection -> {
            List<ResourceStatus> statuses = new ArrayList<>();
            String filter = only == null ? "" : " AND kind = ? AND namespace = ? AND name = ?";
            try (PreparedStatement select = connection.prepareStatement("SELECT kind, namespace, name,"
                    + " observed_revision, status, observed_second, observed_nano FROM resource_status"
                    + " WHERE environment_id = ?" + filter + " ORDER BY kind, namespace, name")) {
                select.setString(1, environmentId);
                if (only != null) {
                    select.setString(2, only.kind().wireName());
                    select.setString(3, only.namespace());
                    select.setString(4, only.name());
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        statuses.add(new ResourceStatus(keyOf(rows), rows.getLong(4), fromJson(rows.getString(5)),
                                Instant.ofEpochSecond(rows.getLong(6), rows.getInt(7))));
                    }
                }
            }
            return statuses;
        });
    }

    private static void bindKey(PreparedStatement statement, String environmentId, ResourceKey key)
            throws SQLException {
        statement.setString(1, environmentId);
        statement.setString(2, key.kind().wireName());
        statement.setString(3, key.namespace());
        statement.setString(4, key.name());
    }

    private static ResourceKey keyOf(ResultSet row) throws SQLException {
        String kindName = row.getString(1);
        ResourceKind kind = ResourceKind.fromWireName(kindName).orElseThrow(
                () -> new PlatformStoreException("a stored status has an unknown resource kind '" + kindName + "'"));
        return new ResourceKey(kind, row.getString(2), row.getString(3));
    }

    private static String toJson(ResourceStatus status) {
        try {
            return JSON.writeValueAsString(status.status());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the status of " + status.key(), e);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode fromJson(String status) {
        try {
            return JSON.readTree(status);
        } catch (JsonProcessingException e) {
            throw new PlatformStoreException("cannot read a stored status: " + e.getOriginalMessage(), e);
        }
    }
}
