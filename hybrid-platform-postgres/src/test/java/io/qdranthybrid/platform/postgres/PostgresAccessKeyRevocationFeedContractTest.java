package io.qdranthybrid.platform.postgres;

import io.qdranthybrid.platform.access.AccessKeyRevocationFeedContract;
import org.junit.jupiter.api.AfterEach;

import javax.sql.DataSource;
import java.time.Clock;

/** Each replica: its own key store and its own listening connection, over the one database. */
class PostgresAccessKeyRevocationFeedContractTest extends AccessKeyRevocationFeedContract {

    private DataSource database;
    private final ReplicaListeners listeners = new ReplicaListeners();

    @Override
    protected Replica firstReplica() {
        database = TestPostgres.emptied();
        return anotherReplica();
    }

    @Override
    protected Replica anotherReplica() {
        return new Replica(new PostgresAccessKeyStore(database), listeners.listening(notifications ->
                new PostgresAccessKeyRevocationFeed(database, notifications, Clock.systemUTC())));
    }

    @AfterEach
    void stopListening() {
        listeners.close();
    }
}
