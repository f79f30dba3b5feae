package io.qdranthybrid.platform.postgres;

import com.zaxxer.hikari.HikariDataSource;
import io.qdranthybrid.platform.desired.DesiredStateStore;
import io.qdranthybrid.platform.environment.Environment;
import io.qdranthybrid.platform.environment.EnvironmentConfiguration;
import io.qdranthybrid.platform.session.AgentSession;
import io.qdranthybrid.protocol.client.AgentConnection;
import io.qdranthybrid.protocol.client.AgentConnectionSettings;
import io.qdranthybrid.protocol.client.ConnectionState;
import io.qdranthybrid.protocol.delivery.ApplyLedger;
import io.qdranthybrid.protocol.message.AccessKey;
import io.qdranthybrid.protocol.message.ResourceKind;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

import static io.qdranthybrid.platform.PlatformFixture.clusterManifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The database stops and starts again under two running replicas (a PostgreSQL of its own, restarted on the same data
 * directory and port): writes fail clearly meanwhile, connected agents keep their sessions, and everything resumes
 * without restarting the replicas.
 */
class DatabaseRestartTest {

    @TempDir
    Path dataDirectory;

    private EmbeddedPostgres postgres;
    private HikariDataSource pool;
    private ControlPlaneReplica replicaA;
    private ControlPlaneReplica replicaB;
    private LoadBalancer loadBalancer;
    private AgentConnection agent;

    private EmbeddedPostgres startPostgres(int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false).setPort(port)
                .start();
    }

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close(Duration.ofSeconds(2));
        }
        for (AutoCloseable closeable : new AutoCloseable[]{replicaA, replicaB, loadBalancer, pool, postgres}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    void whileTheDatabaseRestartsWritesFailClearlySessionsGoOnAndEverythingResumesAfter() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        postgres = startPostgres(port);
        String url = postgres.getJdbcUrl("postgres", "postgres");
        pool = PostgresPlatformDatabase.pool(url, "postgres", "postgres", 4);
        // A request waits this long for a connection before failing: a user's write fails in a second, not in 30.
        pool.setConnectionTimeout(1_000);
        PostgresPlatformDatabase.migrate(pool);
        replicaA = new ControlPlaneReplica("replica-a", pool, url, "postgres", "postgres");
        replicaB = new ControlPlaneReplica("replica-b", pool, url, "postgres", "postgres");
        Environment environment = replicaA.registry.create("prod", "qdrant", EnvironmentConfiguration.defaults());
        AccessKey key = replicaA.keys.issue(environment.id());
        loadBalancer = new LoadBalancer();
        loadBalancer.routeTo(replicaB);
        RecordingAgent core = new RecordingAgent();
        agent = new AgentConnection(AgentConnectionSettings.builder(loadBalancer.url(), environment.id(), key, "0.1.0")
                .backoff(TwoReplicasTest.FAST).allowInsecure(true).build(), core, null, new ApplyLedger());
        agent.start();
        await().until(() -> replicaB.gateway.sessionOf(environment.id()).isPresent());
        DesiredStateStore onA = replicaA.stores.forEnvironment(environment.id());
        onA.put(ResourceKind.CLUSTER, "before", clusterManifest("before", 1));

        String session = replicaB.gateway.sessionOf(environment.id()).orElseThrow().sessionId();
        postgres.close();

        assertThatThrownBy(() -> onA.put(ResourceKind.CLUSTER, "during", clusterManifest("during", 1)))
                .isInstanceOf(PlatformStoreException.class)
                .hasMessageContaining("cannot save the desired state of environment " + environment.id());
        assertThatThrownBy(() -> replicaA.keys.issue(environment.id())).isInstanceOf(PlatformStoreException.class);
        assertThat(onA.revision()).isEqualTo(1);
        assertThat(onA.keys()).containsExactly(onA.key(ResourceKind.CLUSTER, "before"));
        // Longer than the heartbeat timeout: the session lives on heartbeats, not on the database.
        await().during(ControlPlaneReplica.SETTINGS.heartbeatTimeout().plusSeconds(1))
                .atMost(ControlPlaneReplica.SETTINGS.heartbeatTimeout().plusSeconds(5))
                .until(() -> agent.state() == ConnectionState.CONNECTED && replicaB.gateway.sessionOf(environment.id())
                        .map(AgentSession::sessionId).filter(session::equals).isPresent());

        postgres = startPostgres(port);

        await().atMost(Duration.ofSeconds(20)).until(() -> replicaB.notifications.connected());
        // The pool may still be backing off from its failed attempts (HikariCP waits up to 5 s between them).
        await().atMost(Duration.ofSeconds(20)).ignoreException(PlatformStoreException.class)
                .until(() -> onA.put(ResourceKind.CLUSTER, "after", clusterManifest("after", 1)) == 2);
        await().until(() -> core.applied.stream().anyMatch(r -> r.key().name().equals("after")));
        assertThat(core.applied).extracting(r -> r.key().name()).containsExactly("before", "after");
        assertThat(replicaB.gateway.sessionOf(environment.id()).orElseThrow().sessionId()).isEqualTo(session);
        // The lease expired for the other replicas while nothing could renew it; the next renewal restores it.
        await().until(() -> replicaA.gateway.presence(environment.id()).connected());
    }
}
