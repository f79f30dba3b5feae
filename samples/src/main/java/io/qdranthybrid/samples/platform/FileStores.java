package io.qdranthybrid.samples.platform;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Prototype;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.qdranthybrid.platform.access.AccessKeys;
import io.qdranthybrid.platform.access.InMemoryAccessKeyStore;
import io.qdranthybrid.platform.desired.DesiredStateStores;
import io.qdranthybrid.platform.desired.FileDesiredStateRepository;
import io.qdranthybrid.platform.environment.EnvironmentRegistry;
import io.qdranthybrid.platform.session.AgentGateway;
import io.qdranthybrid.platform.sink.InMemoryStatusSink;
import io.qdranthybrid.platform.sink.InMemoryTelemetrySink;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The stores of a single-replica platform, when no database is configured: environments (our own file registry) and
 * desired states (the SDK's file repository) survive a restart, so agents never see revisions start again below what
 * they applied; access-key hashes, statuses and telemetry stay in memory to keep the sample short.
 */
@Factory
@Requires(missingProperty = PostgresStores.URL)
public class FileStores {

    private final Path dataDirectory;

    public FileStores(@Value("${platform.data-dir:target/platform-data}") String dataDirectory) {
        this.dataDirectory = Path.of(dataDirectory);
    }

    @Singleton
    EnvironmentRegistry environments() {
        return new FileEnvironmentRegistry(dataDirectory, Clock.systemUTC());
    }

    @Singleton
    AccessKeys accessKeys() {
        return new AccessKeys(new InMemoryAccessKeyStore(), Clock.systemUTC());
    }

    @Singleton
    DesiredStateStores desiredState(EnvironmentRegistry environments) {
        return new DesiredStateStores(environments,
                new FileDesiredStateRepository(dataDirectory.resolve("desired-state")));
    }

    @Singleton
    InMemoryStatusSink statuses() {
        return new InMemoryStatusSink();
    }

    @Singleton
    ReportedStatuses reportedStatuses(InMemoryStatusSink statuses) {
        return statuses::statuses;
    }

    @Prototype
    AgentGateway.Builder gatewayBuilder(EnvironmentRegistry environments, AccessKeys accessKeys,
                                        DesiredStateStores desiredState, InMemoryStatusSink statuses) {
        return AgentGateway.builder(environments, accessKeys, desiredState)
                .statusSink(statuses)
                .telemetrySink(new InMemoryTelemetrySink());
    }
}
