package io.qdranthybrid.harness.sandbox;

import io.qdranthybrid.harness.controlplane.ControlPlaneSettings;
import io.qdranthybrid.harness.controlplane.EnvironmentView;
import io.qdranthybrid.harness.controlplane.SimulatedControlPlane;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sandbox with --postgres-url: what the control plane decided is still there when it starts again. */
class SandboxStoresTest {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @Test
    void environmentsAndTheirDesiredStateOutliveTheSandbox() {
        SandboxDatabase database = new SandboxDatabase(postgres.getJdbcUrl("postgres", "postgres"), "postgres",
                "postgres");
        String environmentId;
        try (SimulatedControlPlane first = start(database)) {
            EnvironmentView created = first.environments().create("kept", "kept-ns");
            environmentId = created.id();
            first.environments().bootstrap(environmentId);
        }

        try (SimulatedControlPlane second = start(database)) {
            assertThat(second.environments().list()).extracting(EnvironmentView::id).contains(environmentId);
            assertThat(second.environments().get(environmentId).bootstrapped()).isTrue();
        }
    }

    @Test
    void anUnreachableDatabaseFailsTheStartWithTheReason() {
        SandboxDatabase nowhere = new SandboxDatabase("jdbc:postgresql://127.0.0.1:1/platform?connectTimeout=2",
                "postgres", "postgres");

        assertThatThrownBy(() -> SandboxStores.on(nowhere, Clock.systemUTC()))
                .hasMessageContaining("127.0.0.1:1");
    }

    private static SimulatedControlPlane start(SandboxDatabase database) {
        ControlPlaneSettings settings = ControlPlaneSettings.fast().withPort(0);
        return SimulatedControlPlane.start(settings, SandboxStores.on(database, settings.clock()));
    }
}
