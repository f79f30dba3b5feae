package io.qdranthybrid.samples.platform;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.qdranthybrid.platform.access.AccessKeyStore;
import io.qdranthybrid.platform.access.AccessKeys;
import io.qdranthybrid.platform.desired.DesiredStateRepository;
import io.qdranthybrid.platform.desired.DesiredStateStores;
import io.qdranthybrid.platform.environment.EnvironmentRegistry;
import io.qdranthybrid.platform.session.AgentGateway;
import io.qdranthybrid.platform.session.SessionSettings;
import io.qdranthybrid.platform.sink.StatusSink;
import io.qdranthybrid.platform.sink.TelemetrySink;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

/**
 * The platform SDK's parts as beans, over whichever stores are configured: {@link FileStores} on one machine, or
 * {@link PostgresStores} when a datasource is set and several replicas share the database.
 */
@Factory
public class PlatformBeans {

    /** The SDK's default: agents miss three heartbeats before the gateway gives up on them. */
    private static final int HEARTBEATS_BEFORE_TIMEOUT = 3;

    @Singleton
    AccessKeys accessKeys(AccessKeyStore store) {
        return new AccessKeys(store, Clock.systemUTC());
    }

    @Singleton
    DesiredStateStores desiredState(EnvironmentRegistry environments, DesiredStateRepository repository) {
        return new DesiredStateStores(environments, repository);
    }

    @Singleton
    @Bean(preDestroy = "close")
    AgentGateway gateway(EnvironmentRegistry environments, AccessKeys accessKeys, DesiredStateStores desiredState,
                         StatusSink statuses, TelemetrySink telemetry,
                         @Value("${platform.heartbeat-interval:15s}") Duration heartbeat) {
        AgentGateway gateway = AgentGateway.builder(environments, accessKeys, desiredState)
                .statusSink(statuses)
                .telemetrySink(telemetry)
                .settings(SessionSettings.DEFAULT.withHeartbeat(heartbeat,
                        heartbeat.multipliedBy(HEARTBEATS_BEFORE_TIMEOUT)))
                .build();
        gateway.start();
        return gateway;
    }
}
