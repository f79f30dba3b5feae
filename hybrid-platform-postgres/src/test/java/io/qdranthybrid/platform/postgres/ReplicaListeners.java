package io.qdranthybrid.platform.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.awaitility.Awaitility.await;

/** The listening connections of a test's replicas on the shared database; close it after each test. */
final class ReplicaListeners implements AutoCloseable {

    private final List<PostgresNotifications> open = new ArrayList<>();

    /**
     * A new replica's listener with what {@code register} creates on it (a feed), once it listens: a notification
     * sent before LISTEN took effect would reach nobody.
     */
    <T> T listening(Function<PostgresNotifications, T> register) {
        PostgresNotifications notifications = TestPostgres.notifications();
        open.add(notifications);
        T registered = register.apply(notifications);
        notifications.start();
        await().until(notifications::connected);
        return registered;
    }

    @Override
    public void close() {
        open.forEach(PostgresNotifications::close);
        open.clear();
    }
}
