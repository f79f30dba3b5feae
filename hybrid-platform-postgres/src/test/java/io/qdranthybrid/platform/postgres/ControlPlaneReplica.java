package io.qdranthybrid.platform.postgres;

import io.qdranthybrid.platform.access.AccessKeys;
import io.qdranthybrid.platform.desired.DesiredStateStores;
import io.qdranthybrid.platform.environment.AgentPresence;
import io.qdranthybrid.platform.environment.EnvironmentRegistry;
import io.qdranthybrid.platform.environment.EnvironmentHealth;
import io.qdranthybrid.platform.environment.EnvironmentStatusRollup;
import io.qdranthybrid.platform.presence.SessionLease;
import io.qdranthybrid.platform.presence.SessionLeases;
import io.qdranthybrid.platform.session.AgentGateway;
import io.qdranthybrid.platform.session.SessionSettings;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Properties;

/**
 * One replica of a control plane, wired by {@link PostgresReplica} as a platform would: every store on the shared
 * database, its own listening connection (named {@code <replica>-listener} so a test can cut it), its own gateway. {@link #die()}
 * makes it stop writing anything, as a killed process would, and drops its connections.
 */
final class ControlPlaneReplica implements AutoCloseable {

    static final SessionSettings SETTINGS = SessionSettings.DEFAULT
            .withHeartbeat(Duration.ofMillis(250), Duration.ofMillis(1500)).withRedeliveryInterval(Duration.ofSeconds(5));
    static final Duration LEASE = Duration.ofSeconds(1);
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(3);

    final String name;
    final PostgresReplica replica;
    final EnvironmentRegistry registry;
    final AccessKeys keys;
    final DesiredStateStores stores;
    final AgentGateway gateway;
    final PostgresNotifications notifications;
    private final KillableLeases leases;
    private volatile boolean listenerCut;

    ControlPlaneReplica(String name, DataSource pool, String jdbcUrl, String user, String password) {
        this.name = name;
        Clock clock = Clock.systemUTC();
        notifications = new PostgresNotifications(() -> {
            if (listenerCut) {
                throw new java.sql.SQLException("connection to the database refused (cut by the test)");
            }
            Properties properties = new Properties();
            properties.setProperty("user", user);
            properties.setProperty("password", password);
            properties.setProperty("ApplicationName", name + "-listener");
            return DriverManager.getConnection(jdbcUrl, properties);
        }, Duration.ofSeconds(30));
        replica = PostgresReplica.start(pool, notifications, clock);
        registry = replica.registry();
        keys = replica.accessKeys();
        stores = replica.desiredStateStores();
        leases = new KillableLeases(new PostgresSessionLeases(pool));
        gateway = replica.gateway(name).settings(SETTINGS).sessionLeases(leases, LEASE)
                .commandQueue(replica.commandQueue(), COMMAND_TIMEOUT).build();
        org.awaitility.Awaitility.await().until(replica::listening);
        gateway.start();
    }

    EnvironmentHealth health(String environmentId) {
        return new EnvironmentStatusRollup(Clock.systemUTC()).rollUp(registry.require(environmentId),
                gateway.presence(environmentId));
    }

    /** Refuses new listening connections; with {@link #dropListener} the replica stops hearing notifications. */
    void cutListener(boolean cut) {
        listenerCut = cut;
    }

    /** Killed: from now on it writes no lease (a dead process renews nothing), and its agents lose their connection. */
    void die() {
        leases.dead = true;
        replica.close();
        gateway.close();
    }

    @Override
    public void close() {
        gateway.close();
        replica.close();
    }

    /** Terminates the replica's listening connection on the server, as a network cut or a server restart would. */
    static void dropListener(DataSource pool, String replica) throws Exception {
        try (Connection connection = pool.getConnection();
             var statement = connection.prepareStatement(
                     "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?")) {
            statement.setString(1, replica + "-listener");
            statement.execute();
        }
    }

    /** The database as a dead replica sees it: nothing it would still write arrives. */
    private static final class KillableLeases implements SessionLeases {
        private final SessionLeases leases;
        volatile boolean dead;

        KillableLeases(SessionLeases leases) {
            this.leases = leases;
        }

        @Override
        public void hold(SessionLease lease) {
            if (!dead) {
                leases.hold(lease);
            }
        }

        @Override
        public void renew(String replicaId, Collection<SessionLease> held, Instant expiresAt) {
            if (!dead) {
                leases.renew(replicaId, held, expiresAt);
            }
        }

        @Override
        public void release(String environmentId, String sessionId, AgentPresence after) {
            if (!dead) {
                leases.release(environmentId, sessionId, after);
            }
        }

        @Override
        public void refused(String environmentId, AgentPresence refusal, Instant now) {
            if (!dead) {
                leases.refused(environmentId, refusal, now);
            }
        }

        @Override
        public AgentPresence presence(String environmentId, Instant now) {
            return leases.presence(environmentId, now);
        }

        @Override
        public void forget(String environmentId) {
            if (!dead) {
                leases.forget(environmentId);
            }
        }
    }
}
