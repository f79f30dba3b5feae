package io.qdranthybrid.harness.sandbox;

import com.zaxxer.hikari.HikariDataSource;
import io.qdranthybrid.harness.controlplane.ControlPlaneStores;
import io.qdranthybrid.platform.postgres.PostgresAccessKeyStore;
import io.qdranthybrid.platform.postgres.PostgresDesiredStateRepository;
import io.qdranthybrid.platform.postgres.PostgresEnvironmentRegistry;
import io.qdranthybrid.platform.postgres.PostgresPlatformDatabase;

import java.time.Clock;

/** The sandbox control plane's stores on PostgreSQL: environments, key hashes and desired state outlive the sandbox. */
final class SandboxStores {

    /** The sandbox is one replica with one agent: a small pool is plenty. */
    private static final int POOL_SIZE = 4;

    private SandboxStores() {
    }

    /** Connects, brings the schema up to date, and fails here (not mid-demo) when the database is unreachable. */
    static ControlPlaneStores on(SandboxDatabase database, Clock clock) {
        HikariDataSource pool = PostgresPlatformDatabase.pool(database.url(), database.user(), database.password(),
                POOL_SIZE);
        try {
            PostgresPlatformDatabase.migrate(pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new ControlPlaneStores(new PostgresEnvironmentRegistry(pool, clock), new PostgresAccessKeyStore(pool),
                new PostgresDesiredStateRepository(pool), pool);
    }
}
