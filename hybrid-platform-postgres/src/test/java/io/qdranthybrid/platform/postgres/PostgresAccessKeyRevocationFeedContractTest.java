package io.qdranthybrid.platform.postgres;

import io.qdranthybrid.platform.access.AccessKeyRevocationFeedContract;
import org.junit.jupiter.api.AfterEach;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/** Each replica: its own key store and its own listening connection, over the one database. */
class PostgresAccessKeyRevocationFeedContractTest extends AccessKeyRevocationFeedContract {

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
        PostgresAccessKeyRevocationFeed feed = new PostgresAccessKeyRevocationFeed(database, notifications,
                Clock.systemUTC());
        notifications.start();
        // A notification sent before LISTEN took effect would reach nobody: start the test once it is listening.
        await().until(notifications::connected);
        return new Replica(new PostgresAccessKeyStore(database), feed);
    }

    @AfterEach
    void stopListening() {
        listeners.forEach(PostgresNotifications::close);
    }
}
