package io.qdranthybrid.platform.postgres;

import io.qdranthybrid.platform.environment.AgentPresence;
import io.qdranthybrid.platform.presence.SessionLease;
import io.qdranthybrid.platform.presence.SessionLeases;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * Session leases in PostgreSQL, shared by every replica: one row per environment (the newest session's), renewed in one
 * statement per replica tick whatever the number of sessions. A renewal also puts back a lease that a failed write left
 * out (database down when the session began), but never takes over another session's lease.
 */
public final class PostgresSessionLeases implements SessionLeases {

    private final Jdbc jdbc;

    public PostgresSessionLeases(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public void hold(SessionLease lease) {
        jdbc.inTransaction("record the session lease of environment " + lease.environmentId(), connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO agent_session_lease"
                    + " (environment_id, replica_id, session_id, connected_since, expires_at) VALUES (?, ?, ?, ?, ?)"
                    + " ON CONFLICT (environment_id) DO UPDATE SET replica_id = excluded.replica_id,"
                    + " session_id = excluded.session_id, connected_since = excluded.connected_since,"
                    + " expires_at = excluded.expires_at")) {
                bind(upsert, lease, lease.expiresAt());
                upsert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void renew(String replicaId, Collection<SessionLease> leases, Instant expiresAt) {
        if (leases.isEmpty()) {
            return;
        }
        jdbc.inTransaction("renew " + leases.size() + " session leases of replica " + replicaId, connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO agent_session_lease"
                    + " (environment_id, replica_id, session_id, connected_since, expires_at) VALUES (?, ?, ?, ?, ?)"
                    + " ON CONFLICT (environment_id) DO UPDATE SET expires_at = excluded.expires_at"
                    + " WHERE agent_session_lease.session_id = excluded.session_id")) {
                for (SessionLease lease : leases) {
                    bind(upsert, lease, expiresAt);
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
            return null;
        });
    }

    @Override
    public void release(String environmentId, String sessionId, AgentPresence after) {
        jdbc.inTransaction("release the session lease of environment " + environmentId, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM agent_session_lease WHERE environment_id = ? AND session_id = ?")) {
                delete.setString(1, environmentId);
                delete.setString(2, sessionId);
                delete.executeUpdate();
            }
            if (lease(connection, environmentId).isEmpty()) {
                record(connection, environmentId, after);
            }
            return null;
        });
    }

    @Override
    public void refused(String environmentId, AgentPresence refusal, Instant now) {
        jdbc.inTransaction("record the refusal of environment " + environmentId + "'s agent", connection -> {
            Optional<SessionLease> held = lease(connection, environmentId);
            if (held.isEmpty() || !held.get().liveAt(now)) {
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM agent_session_lease WHERE environment_id = ?")) {
                    delete.setString(1, environmentId);
                    delete.executeUpdate();
                }
                record(connection, environmentId, refusal);
            }
            return null;
        });
    }

    @Override
    public AgentPresence presence(String environmentId, Instant now) {
        return jdbc.inTransaction("read the presence of environment " + environmentId + "'s agent", connection -> {
            Optional<SessionLease> held = lease(connection, environmentId);
            if (held.isPresent()) {
                return held.get().liveAt(now) ? AgentPresence.connected(held.get().since())
                        : SessionLeases.expired(held.get());
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT state, since, detail FROM agent_presence WHERE environment_id = ?")) {
                select.setString(1, environmentId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? new AgentPresence(AgentPresence.State.valueOf(row.getString(1)),
                            row.getTimestamp(2).toInstant(), row.getString(3)) : AgentPresence.NEVER_CONNECTED;
                }
            }
        });
    }

    @Override
    public void forget(String environmentId) {
        jdbc.inTransaction("forget the presence of environment " + environmentId, connection -> {
            for (String table : new String[]{"agent_session_lease", "agent_presence"}) {
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM " + table + " WHERE environment_id = ?")) {
                    delete.setString(1, environmentId);
                    delete.executeUpdate();
                }
            }
            return null;
        });
    }

    private static Optional<SessionLease> lease(Connection connection, String environmentId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT replica_id, session_id, connected_since,"
                + " expires_at FROM agent_session_lease WHERE environment_id = ?")) {
            select.setString(1, environmentId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new SessionLease(environmentId, row.getString(1), row.getString(2),
                        row.getTimestamp(3).toInstant(), row.getTimestamp(4).toInstant())) : Optional.empty();
            }
        }
    }

    private static void record(Connection connection, String environmentId, AgentPresence presence)
            throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO agent_presence"
                + " (environment_id, state, since, detail) VALUES (?, ?, ?, ?) ON CONFLICT (environment_id)"
                + " DO UPDATE SET state = excluded.state, since = excluded.since, detail = excluded.detail")) {
            upsert.setString(1, environmentId);
            upsert.setString(2, presence.state().name());
            upsert.setTimestamp(3, Timestamp.from(presence.since()));
            upsert.setString(4, presence.detail());
            upsert.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, SessionLease lease, Instant expiresAt) throws SQLException {
        statement.setString(1, lease.environmentId());
        statement.setString(2, lease.replicaId());
        statement.setString(3, lease.sessionId());
        statement.setTimestamp(4, Timestamp.from(lease.since()));
        statement.setTimestamp(5, Timestamp.from(expiresAt));
    }
}
