package io.qdranthybrid.platform.postgres;

import io.qdranthybrid.platform.session.CommandQueue;
import io.qdranthybrid.platform.session.CommandQueueContract;
import org.junit.jupiter.api.AfterEach;

import javax.sql.DataSource;

/** Each replica: its own queue and its own listening connection, over the one database. */
class PostgresCommandQueueContractTest extends CommandQueueContract {

    private DataSource database;
    private final ReplicaListeners listeners = new ReplicaListeners();

    @Override
    protected CommandQueue firstReplica() {
        database = TestPostgres.emptied();
        return anotherReplica();
    }

    @Override
    protected CommandQueue anotherReplica() {
        return listeners.listening(notifications -> new PostgresCommandQueue(database, notifications));
    }

    @AfterEach
    void stopListening() {
        listeners.close();
    }
}
