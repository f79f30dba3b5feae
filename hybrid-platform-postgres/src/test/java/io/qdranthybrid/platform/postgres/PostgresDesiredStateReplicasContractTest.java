package io.qdranthybrid.platform.postgres;

import io.qdranthybrid.platform.desired.DesiredStateReplicasContract;
import org.junit.jupiter.api.AfterEach;

import javax.sql.DataSource;

/** Each replica: its own repository and its own listening connection, over the one database. */
class PostgresDesiredStateReplicasContractTest extends DesiredStateReplicasContract {

    private DataSource database;
    private final ReplicaListeners listeners = new ReplicaListeners();

    @Override
    protected Replica firstReplica() {
        database = TestPostgres.emptied();
        return anotherReplica();
    }

    @Override
    protected Replica anotherReplica() {
        return new Replica(new PostgresDesiredStateRepository(database),
                listeners.listening(notifications -> new PostgresDesiredStateChangeFeed(database, notifications)));
    }

    @AfterEach
    void stopListening() {
        listeners.close();
    }
}
