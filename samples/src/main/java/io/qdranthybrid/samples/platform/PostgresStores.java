package io.qdranthybrid.samples.platform;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Prototype;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.qdranthybrid.platform.access.AccessKeys;
import io.qdranthybrid.platform.desired.DesiredStateStores;
import io.qdranthybrid.platform.environment.EnvironmentRegistry;
import io.qdranthybrid.platform.postgres.PostgresNotifications;
import io.qdranthybrid.platform.postgres.PostgresPlatformDatabase;
import io.qdranthybrid.platform.postgres.PostgresReplica;
import io.qdranthybrid.platform.postgres.PostgresStatusSink;
import io.qdranthybrid.platform.session.AgentGateway;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.UUID;

/**
 * The stores on PostgreSQL, chosen by Micronaut's usual datasource keys ({@code datasources.default.url},
 * {@code .username}, {@code .password}, {@code .maximum-pool-size}): every replica pointed at the same database acts
 * as one with the others ({@link PostgresReplica}): environments, key hashes, desired state, session leases, pending
 * commands, statuses and telemetry are shared, and what is done through one replica reaches the agents connected to
 * another over {@code LISTEN/NOTIFY}. The pool is built here rather than through micronaut-jdbc-hikari, which does not
 * resolve offline in this build; Flyway brings the schema up to date first (concurrent replicas wait on its lock).
 */
@Factory
@Requires(property = PostgresStores.URL)
public class PostgresStores {

    static final String URL = "datasources.default.url";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresStores.class);

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

    /** The stores and the listening connection; closing it stops listening (the pool closes after it). */
    @Singleton
    @Bean(preDestroy = "close")
    PostgresReplica replica(HikariDataSource pool) {
        return PostgresReplica.start(pool, PostgresNotifications.of(pool), Clock.systemUTC());
    }

    @Singleton
    EnvironmentRegistry environments(PostgresReplica replica) {
        return replica.registry();
    }

    @Singleton
    AccessKeys accessKeys(PostgresReplica replica) {
        return replica.accessKeys();
    }

    @Singleton
    DesiredStateStores desiredState(PostgresReplica replica) {
        return replica.desiredStateStores();
    }

    /** {@code platform.replica-id} names this replica in session leases and logs (a pod name, say). */
    @Prototype
    AgentGateway.Builder gatewayBuilder(PostgresReplica replica, @Value("${platform.replica-id:}") String replicaId) {
        return replica.gateway(replicaId.isBlank() ? UUID.randomUUID().toString() : replicaId);
    }

    @Singleton
    ReportedStatuses reportedStatuses(HikariDataSource pool) {
        return new PostgresStatusSink(pool)::statuses;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
