package io.qdranthybrid.platform.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;

/** Connects the platform stores to PostgreSQL: a HikariCP pool, and the schema brought up to date by Flyway. */
public final class PostgresPlatformDatabase {

    private PostgresPlatformDatabase() {
    }

    /**
     * How long a request waits for a connection before it fails with a {@link PlatformStoreException}: while the
     * database is unreachable, a user's change is refused within seconds (HikariCP's default is 30 s).
     */
    public static final java.time.Duration CONNECTION_TIMEOUT = java.time.Duration.ofSeconds(5);

    /** A pool of at most {@code maximumPoolSize} connections; credentials go in the config, never in logs. */
    public static HikariDataSource pool(String jdbcUrl, String user, String password, int maximumPoolSize) {
        HikariConfig config = new HikariConfig();
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(maximumPoolSize);
        config.setPoolName("qdrant-hybrid-platform");
        return new HikariDataSource(config);
    }

    /** Applies the migrations under {@code db/migration} that the database has not seen yet; safe on every start. */
    public static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }
}
