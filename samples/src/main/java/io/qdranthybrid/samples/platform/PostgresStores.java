package io.qdranthybrid.samples.platform;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.qdranthybrid.platform.access.AccessKeyStore;
import io.qdranthybrid.platform.desired.DesiredStateRepository;
import io.qdranthybrid.platform.environment.EnvironmentRegistry;
import io.qdranthybrid.platform.presence.SessionLeases;
import io.qdranthybrid.platform.postgres.PostgresAccessKeyRevocationFeed;
import io.qdranthybrid.platform.postgres.PostgresAccessKeyStore;
import io.qdranthybrid.platform.postgres.PostgresDesiredStateChangeFeed;
import io.qdranthybrid.platform.postgres.PostgresDesiredStateRepository;
import io.qdranthybrid.platform.postgres.PostgresEnvironmentRegistry;
import io.qdranthybrid.platform.postgres.PostgresNotifications;
import io.qdranthybrid.platform.postgres.PostgresPlatformDatabase;
import io.qdranthybrid.platform.postgres.PostgresSessionLeases;
import io.qdranthybrid.platform.postgres.PostgresStatusSink;
import io.qdranthybrid.platform.postgres.PostgresTelemetrySink;
import io.qdranthybrid.platform.sink.StatusSink;
import io.qdranthybrid.platform.sink.TelemetrySink;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.time.Clock;

/**
 * The stores on PostgreSQL, chosen by Micronaut's usual datasource keys ({@code datasources.default.url},
 * {@code .username}, {@code .password}, {@code .maximum-pool-size}): every replica pointed at the same database
 * shares environments, key hashes, desired state, session leases, statuses and telemetry, so an agent may connect to
 * any of them.
 * The pool is built here rather than through micronaut-jdbc-hikari, which does not resolve offline in this build; the
 * schema is brought up to date by Flyway before any store is used (concurrent replicas wait on Flyway's lock).
 */
@Factory
@Requires(property = PostgresStores.URL)
public class PostgresStores {

    static final String URL = "datasources.default.url";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresStores.class);
    /** Telemetry items kept per environment, like the SDK's in-memory sink. */
    private static final int TELEMETRY_PER_ENVIRONMENT = 1_000;

    @Singleton
    @Bean(preDestroy = "close")
    HikariDataSource dataSource(@Value("${" + URL + "}") String url,
                                @Nullable @Value("${datasources.default.username:}") String user,
                                @Nullable @Value("${datasources.default.password:}") String password,
                                @Value("${datasources.default.maximum-pool-size:10}") int maximumPoolSize) {
        HikariDataSource pool = PostgresPlatformDatabase.pool(url, blankToNull(user), blankToNull(password),
                maximumPoolSize);
        PostgresPlatformDatabase.migrate(pool);
        // The URL may carry credentials as parameters; log only where the database is.
        LOG.info("Platform state in PostgreSQL at {} (pool of at most {} connections), schema up to date",
                url.replaceFirst("\\?.*", ""), maximumPoolSize);
        return pool;
    }

    /** LISTEN/NOTIFY on a connection of its own; both feeds register before it starts, as it requires. */
    @Singleton
    @Bean(preDestroy = "close")
    ReplicaFeeds replicaFeeds(HikariDataSource pool) {
        PostgresNotifications notifications = PostgresNotifications.of(pool);
        ReplicaFeeds feeds = new ReplicaFeeds(new PostgresDesiredStateChangeFeed(pool, notifications),
                new PostgresAccessKeyRevocationFeed(pool, notifications, Clock.systemUTC()), notifications);
        notifications.start();
        return feeds;
    }

    @Singleton
    EnvironmentRegistry environments(DataSource dataSource) {
        return new PostgresEnvironmentRegistry(dataSource);
    }

    /** Which replica holds each agent's session: presence reads the same on every replica, a dead one's expires. */
    @Singleton
    SessionLeases sessionLeases(DataSource dataSource) {
        return new PostgresSessionLeases(dataSource);
    }

    @Singleton
    AccessKeyStore accessKeyStore(DataSource dataSource) {
        return new PostgresAccessKeyStore(dataSource);
    }

    @Singleton
    DesiredStateRepository desiredStateRepository(DataSource dataSource) {
        return new PostgresDesiredStateRepository(dataSource);
    }

    @Singleton
    PostgresStatusSink statuses(DataSource dataSource) {
        return new PostgresStatusSink(dataSource);
    }

    @Singleton
    StatusSink statusSink(PostgresStatusSink statuses) {
        return statuses;
    }

    @Singleton
    ReportedStatuses reportedStatuses(PostgresStatusSink statuses) {
        return statuses::statuses;
    }

    @Singleton
    TelemetrySink telemetry(DataSource dataSource) {
        return new PostgresTelemetrySink(dataSource, TELEMETRY_PER_ENVIRONMENT);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
