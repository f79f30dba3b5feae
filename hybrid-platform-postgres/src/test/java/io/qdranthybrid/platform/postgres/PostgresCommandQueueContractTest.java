package io.qdranthybrid.platform.postgres;

import io.qdranthybrid.platform.session.CommandQueue;
import io.qdranthybrid.platform.session.CommandQueueContract;
import org.junit.jupiter.api.AfterEach;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/** Each replica: its own queue and its own listening connection, over the one database. */
class PostgresCommandQueueContractTest extends CommandQueueContract {

    private DataSource database;
    private final List<PostgresNotifications> listeners = new ArrayList<>();

    @Override
    protected CommandQueue firstReplica() {
        database = TestPostgres.emptied();
        return anotherReplica();
    }

    @Override
    protected CommandQueue anotherReplica() {
        PostgresNotifications notifications = TestPostgres.notifications();
        listeners.add(notifications);
        PostgresCommandQueue queue = new PostgresCommandQueue(database, notifications);
        notifications.start();
        // A notification sent before LISTEN took effect would reach nobody: start the test once it is listening.
        await().until(notifications::connected);
        return queue;
    }

    @AfterEach
    void stopListening() {
        listeners.forEach(PostgresNotifications::close);
    }
}
