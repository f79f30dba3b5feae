package io.qdranthybrid.samples.platform;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.qdranthybrid.platform.access.AccessKeys;
import io.qdranthybrid.platform.access.InMemoryAccessKeyStore;
import io.qdranthybrid.platform.desired.DesiredStateStores;
import io.qdranthybrid.platform.desired.FileDesiredStateRepository;
import io.qdranthybrid.platform.environment.EnvironmentRegistry;
import io.qdranthybrid.platform.session.AgentGateway;
import io.qdranthybrid.platform.sink.InMemoryStatusSink;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The platform SDK's parts as beans. A real platform swaps the stores for its database: the registry here is our own
 * file-backed one and desired states use the SDK's file repository, so both survive a restart (agents would otherwise
 * see revisions start again below what they applied); access-key hashes stay in memory to keep the sample short.
 */
@Factory
public class PlatformBeans {

    @Singleton
    EnvironmentRegistry environments(@Value("${platform.data-dir:target/platform-data}") String dataDirectory) {
        return new FileEnvironmentRegistry(Path.of(dataDirectory), Clock.systemUTC());
    }

    @Singleton
    AccessKeys accessKeys() {
        return new AccessKeys(new InMemoryAccessKeyStore(), Clock.systemUTC());
    }

    @Singleton
    DesiredStateStores desiredState(EnvironmentRegistry environments,
                                    @Value("${platform.data-dir:target/platform-data}") String dataDirectory) {
        return new DesiredStateStores(environments,
                new FileDesiredStateRepository(Path.of(dataDirectory).resolve("desired-state")));
    }

    @Singleton
    InMemoryStatusSink statuses() {
        return new InMemoryStatusSink();
    }

    @Singleton
    @Bean(preDestroy = "close")
    AgentGateway gateway(EnvironmentRegistry environments, AccessKeys accessKeys, DesiredStateStores desiredState,
                         InMemoryStatusSink statuses) {
        AgentGateway gateway = AgentGateway.builder(environments, accessKeys, desiredState).statusSink(statuses).build();
        gateway.start();
        return gateway;
    }
}
