package io.qdranthybrid.platform.postgres;

import io.qdranthybrid.platform.presence.SessionLeases;
import io.qdranthybrid.platform.presence.SessionLeasesContract;

import javax.sql.DataSource;

class PostgresSessionLeasesContractTest extends SessionLeasesContract {

    private DataSource database;

    @Override
    protected SessionLeases newLeases() {
        database = TestPostgres.emptied();
        return new PostgresSessionLeases(database);
    }

    /** Another replica: its own instance over the same tables. */
    @Override
    protected SessionLeases sameLeasesSeenByAnotherReplica() {
        return new PostgresSessionLeases(database);
    }
}
