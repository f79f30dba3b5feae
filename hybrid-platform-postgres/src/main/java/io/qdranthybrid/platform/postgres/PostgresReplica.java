package io.qdranthybrid.platform.postgres;

import io.qdranthybrid.platform.access.AccessKeys;
import io.qdranthybrid.platform.desired.DesiredStateStore;
import io.qdranthybrid.platform.desired.DesiredStateStores;
import io.qdranthybrid.platform.environment.EnvironmentRegistry;
import io.qdranthybrid.platform.session.AgentGateway;
import io.qdranthybrid.platform.session.SessionSettings;

import javax.sql.DataSource;
import java.time.Clock;

/**
 * One control-plane replica's platform pieces on a shared PostgreSQL, wired so that replicas on the same database act
 * as one: changes, key revocations and commands made through any replica reach the agents connected to this one
 * (over {@code LISTEN/NOTIFY}, with catch-up reads), and session leases make presence the same on every replica.
 *
 * <pre>{@code
 * HikariDataSource pool = PostgresPlatformDatabase.pool(url, user, password, 10);
 * PostgresPlatformDatabase.migrate(pool);
 * PostgresReplica replica = PostgresReplica.start(pool, PostgresNotifications.of(pool), Clock.systemUTC());
 * AgentGateway gateway = replica.gateway("replica-0").build();   // add settings, limits... before build()
 * gateway.start();
 * // on shutdown: gateway.close(); replica.close(); pool.close();
 * }</pre>
 */
public final class PostgresReplica implements AutoCloseable {

    /** Telemetry items kept per environment, as the in-memory sink's default. */
    public static final int TELEMETRY_PER_ENVIRONMENT = 10_000;

    private final DataSource pool;
    private final Clock clock;
    private final PostgresNotifications notifications;
    private final PostgresEnvironmentRegistry registry;
    private final AccessKeys accessKeys;
    private final DesiredStateStores desiredStateStores;
    private final PostgresCommandQueue commandQueue;

    private PostgresReplica(DataSource pool, PostgresNotifications notifications, Clock clock) {
        this.pool = pool;
        this.clock = clock;
        this.notifications = notifications;
        this.registry = new PostgresEnvironmentRegistry(pool, clock);
        this.accessKeys = new AccessKeys(new PostgresAccessKeyStore(pool), clock);
        accessKeys.followRevocations(new PostgresAccessKeyRevocationFeed(pool, notifications, clock));
        this.desiredStateStores = new DesiredStateStores(registry, DesiredStateStore.DEFAULT_HISTORY_LIMIT,
                new PostgresDesiredStateRepository(pool), new PostgresDesiredStateChangeFeed(pool, notifications));
        this.commandQueue = new PostgresCommandQueue(pool, notifications);
    }

    /**
     * Wires the stores on {@code pool} (already migrated) and starts listening on {@code notifications} (a connection
     * of its own, see {@link PostgresNotifications#of}); close the replica to stop listening.
     */
    public static PostgresReplica start(DataSource pool, PostgresNotifications notifications, Clock clock) {
        PostgresReplica replica = new PostgresReplica(pool, notifications, clock);
        notifications.start();
        return replica;
    }

    public EnvironmentRegistry registry() {
        return registry;
    }

    /** Access keys whose revocation through any replica cuts this replica's sessions (once a gateway listens). */
    public AccessKeys accessKeys() {
        return accessKeys;
    }

    public DesiredStateStores desiredStateStores() {
        return desiredStateStores;
    }

    /** The queue {@link #gateway} uses, to pass again with another timeout ({@code commandQueue(queue, timeout)}). */
    public PostgresCommandQueue commandQueue() {
        return commandQueue;
    }

    /** Whether this replica hears the other replicas right now (a readiness check may show it). */
    public boolean listening() {
        return notifications.connected();
    }

    /**
     * A gateway builder with every store on the database: sinks, session leases (held {@link
     * AgentGateway#DEFAULT_LEASE_DURATION} unrenewed), the command queue (answers awaited
     * {@link AgentGateway#DEFAULT_COMMAND_TIMEOUT}). {@code replicaId} names this replica in leases and logs: a pod name.
     */
    public AgentGateway.Builder gateway(String replicaId) {
        return AgentGateway.builder(registry, accessKeys, desiredStateStores).clock(clock).replicaId(replicaId)
                .settings(SessionSettings.DEFAULT)
                .statusSink(new PostgresStatusSink(pool))
                .telemetrySink(new PostgresTelemetrySink(pool, TELEMETRY_PER_ENVIRONMENT))
                .sessionLeases(new PostgresSessionLeases(pool), AgentGateway.DEFAULT_LEASE_DURATION)
                .commandQueue(commandQueue, AgentGateway.DEFAULT_COMMAND_TIMEOUT);
    }

    /** Stops listening; the gateway (close it first) and the pool are the caller's. */
    @Override
    public void close() {
        notifications.close();
    }
}
