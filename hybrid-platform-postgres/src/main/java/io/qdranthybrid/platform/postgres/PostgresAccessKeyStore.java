package io.qdranthybrid.platform.postgres;

import io.qdranthybrid.platform.access.AccessKeyStore;
import io.qdranthybrid.platform.access.StoredAccessKey;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Key hashes in PostgreSQL. Rotations of one environment are serialized across replicas with a transaction-scoped
 * advisory lock, and a partial unique index keeps at most one active key per environment. Instants are stored at
 * PostgreSQL's microsecond precision.
 */
public final class PostgresAccessKeyStore implements AccessKeyStore {

    private static final String COLUMNS = "key_id, environment_id, secret_sha256, issued_at, revoked_at";

    private final Jdbc jdbc;

    public PostgresAccessKeyStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public List<StoredAccessKey> replaceActiveKey(StoredAccessKey key) {
        if (!key.active()) {
            throw new IllegalArgumentException("the new active key " + key.keyId() + " must not be revoked");
        }
        return jdbc.inTransaction("store the access key of environment " + key.environmentId(), connection -> {
            List<StoredAccessKey> revoked = revokeActive(connection, key.environmentId(), key.issuedAt());
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO access_key (" + COLUMNS + ") VALUES (?, ?, ?, ?, NULL)")) {
                insert.setObject(1, key.keyId());
                insert.setString(2, key.environmentId());
                insert.setBytes(3, key.secretSha256());
                insert.setTimestamp(4, Timestamp.from(key.issuedAt()));
                insert.executeUpdate();
            }
            return revoked;
        });
    }

    @Override
    public Optional<StoredAccessKey> find(UUID keyId) {
        return jdbc.inTransaction("read access key " + keyId, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM access_key WHERE key_id = ?")) {
                select.setObject(1, keyId);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(keyOf(rows)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<StoredAccessKey> revokeAll(String environmentId, Instant at) {
        return jdbc.inTransaction("revoke the access keys of environment " + environmentId,
                connection -> revokeActive(connection, environmentId, at));
    }

    /** Keys revoked at or after {@code since}: what a replica that was not listening may have missed. */
    List<StoredAccessKey> revokedSince(Instant since) {
        return jdbc.inTransaction("read the access keys revoked since " + since, connection -> {
            List<StoredAccessKey> revoked = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM access_key WHERE revoked_at >= ?")) {
                select.setTimestamp(1, Timestamp.from(since));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        revoked.add(keyOf(rows));
                    }
                }
            }
            return revoked;
        });
    }

    private static List<StoredAccessKey> revokeActive(Connection connection, String environmentId, Instant at)
            throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 17))")) {
            lock.setString(1, "access_key:" + environmentId);
            lock.execute();
        }
        List<StoredAccessKey> revoked = new ArrayList<>();
        try (PreparedStatement update = connection.prepareStatement("UPDATE access_key SET revoked_at = ?"
                + " WHERE environment_id = ? AND revoked_at IS NULL RETURNING " + COLUMNS)) {
            update.setTimestamp(1, Timestamp.from(at));
            update.setString(2, environmentId);
            try (ResultSet rows = update.executeQuery()) {
                while (rows.next()) {
                    revoked.add(keyOf(rows));
                }
            }
        }
        // Sent only if this transaction commits: every replica's gateway cuts the sessions that used these keys.
        for (StoredAccessKey key : revoked) {
            Jdbc.notifyOnCommit(connection, PostgresAccessKeyRevocationFeed.CHANNEL, key.keyId().toString());
        }
        return revoked;
    }

    private static StoredAccessKey keyOf(ResultSet row) throws SQLException {
        Timestamp revokedAt = row.getTimestamp("revoked_at");
        return new StoredAccessKey(row.getObject("key_id", UUID.class), row.getString("environment_id"),
                row.getBytes("secret_sha256"), row.getTimestamp("issued_at").toInstant(),
                revokedAt == null ? null : revokedAt.toInstant());
    }
}
