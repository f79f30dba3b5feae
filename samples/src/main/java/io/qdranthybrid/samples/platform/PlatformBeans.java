package io.qdranthybrid.samples.platform;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.qdranthybrid.platform.session.AgentGateway;
import io.qdranthybrid.platform.session.SessionSettings;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * The SDK's gateway as a bean, over whichever stores are configured: {@link FileStores} on one machine, or
 * {@link PostgresStores} when a datasource is set and several replicas share the database. Each supplies the
 * registry, keys, desired-state stores and a gateway builder wired to them; the session timing is set here.
 */
@Factory
public class PlatformBeans {

    /** The SDK's default: agents miss three heartbeats before the gateway gives up on them. */
    private static final int HEARTBEATS_BEFORE_TIMEOUT = 3;

    @Singleton
    @Bean(preDestroy = "close")
    AgentGateway gateway(AgentGateway.Builder builder, @Value("${platform.heartbeat-interval:15s}") Duration heartbeat) {
        AgentGateway gateway = builder
                .settings(SessionSettings.DEFAULT.withHeartbeat(heartbeat,
                        heartbeat.multipliedBy(HEARTBEATS_BEFORE_TIMEOUT)))
                .build();
        gateway.start();
        return gateway;
    }
}
