package io.qdranthybrid.platform.postgres;

import io.qdranthybrid.platform.environment.Environment;
import io.qdranthybrid.platform.environment.EnvironmentConfiguration;
import io.qdranthybrid.platform.environment.EnvironmentRegistry;
import io.qdranthybrid.platform.environment.EnvironmentRegistryContract;
import io.qdranthybrid.platform.environment.LogLevel;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresEnvironmentRegistryContractTest extends EnvironmentRegistryContract {

    private DataSource database;

    @Override
    protected EnvironmentRegistry newRegistry(Clock clock) {
        database = TestPostgres.emptied();
        return new PostgresEnvironmentRegistry(database, clock);
    }

    @Test
    void anotherReplicaOnTheSameDatabaseSeesEveryChange() {
        Environment created = registry.create("prod", "qdrant", EnvironmentConfiguration.defaults());
        registry.update(created.id(), e -> e.withConfiguration(
                EnvironmentConfiguration.builder().logLevel(LogLevel.ERROR).build(), clock.instant()));

        PostgresEnvironmentRegistry otherReplica = new PostgresEnvironmentRegistry(database, clock);

        assertThat(otherReplica.require(created.id())).isEqualTo(registry.require(created.id()));
        assertThat(otherReplica.list()).hasSize(1);
    }

    @Test
    void concurrentUpdatesFromTwoReplicasAreAppliedOneAfterTheOther() {
        Environment created = registry.create("prod", "qdrant", EnvironmentConfiguration.defaults());
        PostgresEnvironmentRegistry otherReplica = new PostgresEnvironmentRegistry(database, clock);

        // Each update appends one noProxy entry to what it reads: a lost update would drop one.
        List<CompletableFuture<Environment>> updates = IntStream.range(0, 20).mapToObj(i ->
                CompletableFuture.supplyAsync(() -> (i % 2 == 0 ? registry : otherReplica).update(created.id(), e -> {
                    List<String> noProxy = new java.util.ArrayList<>(e.configuration().noProxy());
                    noProxy.add("host-" + i);
                    return e.withConfiguration(e.configuration().toBuilder()
                            .proxy("", "", noProxy).build(), clock.instant());
                }))).toList();
        updates.forEach(CompletableFuture::join);

        assertThat(registry.require(created.id()).configuration().noProxy()).hasSize(20);
    }

    @Test
    void theAgentsContactIsRecordedWhileAUserUpdateHoldsTheEnvironmentAndSurvivesIt() throws Exception {
        Environment created = registry.create("prod", "qdrant", EnvironmentConfiguration.defaults());
        java.time.Instant contact = clock.instant().plusNanos(123_456_789);
        CompletableFuture<Void> userUpdateHolds = new CompletableFuture<>();
        CompletableFuture<Void> contactRecorded = new CompletableFuture<>();

        CompletableFuture<Environment> userUpdate = CompletableFuture.supplyAsync(() -> registry.update(created.id(),
                e -> {
                    userUpdateHolds.complete(null);
                    contactRecorded.join(); // the row stays locked until the contact went in elsewhere
                    return e.withConfiguration(EnvironmentConfiguration.builder().logLevel(LogLevel.ERROR).build(),
                            clock.instant());
                }));
        userUpdateHolds.join();
        try {
            // Were it to wait for the row lock, it would wait for this very test: bounded, it fails instead.
            CompletableFuture.runAsync(() -> new PostgresEnvironmentRegistry(database, clock)
                    .update(created.id(), e -> e.withContact(contact))).get(10, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            contactRecorded.complete(null);
        }
        userUpdate.join();

        Environment seenByAnotherReplica = new PostgresEnvironmentRegistry(database, clock).require(created.id());
        assertThat(seenByAnotherReplica.lastContactAt()).isEqualTo(contact);
        assertThat(seenByAnotherReplica.configuration().logLevel()).isEqualTo(LogLevel.ERROR);
        assertThat(registry.list()).extracting(Environment::lastContactAt).containsExactly(contact);
    }
}
