package io.qdranthybrid.platform.postgres;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** Runs work in one transaction on a pooled connection: committed if it returns, rolled back if it throws. */
final class Jdbc {

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;

    Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Like {@link #inTransaction} but every statement sees the same snapshot (REPEATABLE READ), for reads that span
     * statements while other replicas write: a revision and the resources at that revision, say.
     */
    <T> T inSnapshot(String what, Work<T> work) {
        return inTransaction(what, connection -> {
            try (java.sql.Statement statement = connection.createStatement()) {
                statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
            }
            return work.run(connection);
        });
    }

    /**
     * Sends a notification to every replica's listener ({@link PostgresNotifications}) when, and only if, the
     * transaction of {@code connection} commits.
     */
    static void notifyOnCommit(Connection connection, String channel, String payload) throws SQLException {
        try (java.sql.PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, channel);
            notify.setString(2, payload);
            notify.execute();
        }
    }

    <T> T inTransaction(String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new PlatformStoreException("cannot " + what + ": " + e.getMessage(), e);
        }
    }
}
