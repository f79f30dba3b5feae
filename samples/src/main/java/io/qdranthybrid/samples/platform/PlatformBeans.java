package io.qdranthybrid.samples.platform;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.qdranthybrid.platform.access.AccessKeyStore;
import io.qdranthybrid.platform.access.AccessKeys;
import io.qdranthybrid.platform.desired.DesiredStateRepository;
import io.qdranthybrid.platform.desired.DesiredStateStore;
import io.qdranthybrid.platform.desired.DesiredStateStores;
import io.qdranthybrid.platform.environment.EnvironmentRegistry;
import io.qdranthybrid.platform.presence.SessionLeases;
import io.qdranthybrid.platform.session.AgentGateway;
import io.qdranthybrid.platform.session.SessionSettings;
import io.qdranthybrid.platform.sink.StatusSink;
import io.qdranthybrid.platform.sink.TelemetrySink;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

/**
 * The platform SDK's parts as beans, over whichever stores are configured: {@link FileStores} on one machine, or
 * {@link PostgresStores} when a datasource is set and several replicas share the database. {@code platform.replica-id}
 * names this replica in session leases and logs (a pod name, say; random by default).
 */
@Factory
public class PlatformBeans {

    /** The SDK's default: agents miss three heartbeats before the gateway gives up on them. */
    private static final int HEARTBEATS_BEFORE_TIMEOUT = 3;

    /** With replicas, a key revoked through any of them cuts the sessions held here too. */
    @Singleton
    AccessKeys accessKeys(AccessKeyStore store, @Nullable ReplicaFeeds replicas) {
        AccessKeys keys = new AccessKeys(store, Clock.systemUTC());
        if (replicas != null) {
            keys.followRevocations(replicas.revocations());
        }
        return keys;
    }

    /** With replicas, a revision saved through any of them reaches the agents connected here. */
    @Singleton
    DesiredStateStores desiredState(EnvironmentRegistry environments, DesiredStateRepository repository,
                                    @Nullable ReplicaFeeds replicas) {
        return replicas == null ? new DesiredStateStores(environments, repository)
                : new DesiredStateStores(environments, DesiredStateStore.DEFAULT_HISTORY_LIMIT, repository,
                replicas.desiredState());
    }

    @Singleton
    @Bean(preDestroy = "close")
    AgentGateway gateway(EnvironmentRegistry environments, AccessKeys accessKeys, DesiredStateStores desiredState,
                         StatusSink statuses, TelemetrySink telemetry, @Nullable SessionLeases leases,
                         @Value("${platform.heartbeat-interval:15s}") Duration heartbeat,
                         @Value("${platform.replica-id:}") String replicaId) {
        AgentGateway.Builder builder = AgentGateway.builder(environments, accessKeys, desiredState)
                .statusSink(statuses)
                .telemetrySink(telemetry)
                .settings(SessionSettings.DEFAULT.withHeartbeat(heartbeat,
                        heartbeat.multipliedBy(HEARTBEATS_BEFORE_TIMEOUT)));
        if (!replicaId.isBlank()) {
            builder.replicaId(replicaId);
        }
        if (leases != null) {
            builder.sessionLeases(leases, AgentGateway.DEFAULT_LEASE_DURATION);
        }
        AgentGateway gateway = builder.build();
        gateway.start();
        return gateway;
    }
}
