package io.qdranthybrid.platform.postgres;

import io.qdranthybrid.platform.desired.DesiredStateReplicasContract;
import org.junit.jupiter.api.AfterEach;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;

/** Each replica: its own repository and its own listening connection, over the one database. */
class PostgresDesiredStateReplicasContractTest extends DesiredStateReplicasContract {

    private DataSource database;
    private final List<PostgresNotifications> listeners = new ArrayList<>();

    @Override
    protected Replica firstReplica() {
        database = TestPostgres.emptied();
        return anotherReplica();
    }

    @Override
    protected Replica anotherReplica() {
        PostgresNotifications notifications = TestPostgres.notifications();
        listeners.add(notifications);
        PostgresDesiredStateChangeFeed feed = new PostgresDesiredStateChangeFeed(database, notifications);
        notifications.start();
        return new Replica(new PostgresDesiredStateRepository(database), feed);
    }

    @AfterEach
    void stopListening() {
        listeners.forEach(PostgresNotifications::close);
    }
}
