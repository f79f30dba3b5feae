package io.qdranthybrid.platform.postgres;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One replica's ear on PostgreSQL's {@code LISTEN/NOTIFY}: a dedicated connection outside the pool (a pooled one would
 * be handed to someone else, and a listening connection must stay open), on one daemon thread that dispatches each
 * notification to the handlers of its channel.
 *
 * <p>Notifications sent while the connection is down are lost (PostgreSQL only queues them for live listeners), so
 * after every (re)connection, and every {@code catchUpInterval} in case one was dropped, it runs the catch-up hooks:
 * each feed reads the database for what it may have missed. A lost database is retried every second or so, and logged
 * once per outage. Feeds register before {@link #start}.
 */
public final class PostgresNotifications implements AutoCloseable {

    /** Opens a new connection that is not from the pool. */
    @FunctionalInterface
    public interface ConnectionFactory {
        Connection connect() throws SQLException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(PostgresNotifications.class);
    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);
    private static final int POLL_MILLIS = 250;

    private final ConnectionFactory connections;
    private final Duration catchUpInterval;
    private final Map<String, List<Consumer<String>>> handlers = new ConcurrentHashMap<>();
    private final List<Runnable> catchUps = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Thread thread;
    private volatile boolean connected;

    public PostgresNotifications(ConnectionFactory connections, Duration catchUpInterval) {
        if (catchUpInterval.isNegative() || catchUpInterval.isZero()) {
            throw new IllegalArgumentException("catchUpInterval must be positive but was " + catchUpInterval);
        }
        this.connections = connections;
        this.catchUpInterval = catchUpInterval;
    }

    /** Listens with the pool's URL and credentials on a connection of its own; catches up every 30 s. */
    public static PostgresNotifications of(com.zaxxer.hikari.HikariDataSource pool) {
        String url = pool.getJdbcUrl();
        String user = pool.getUsername();
        String password = pool.getPassword();
        return new PostgresNotifications(() -> java.sql.DriverManager.getConnection(url, user, password),
                Duration.ofSeconds(30));
    }

    /** Calls {@code handler} with the payload of every notification on {@code channel} (a lower-case identifier). */
    void listen(String channel, Consumer<String> handler) {
        if (!channel.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("channel '" + channel + "' must be a lower-case SQL identifier");
        }
        handlers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(handler);
    }

    /** Runs {@code hook} after each (re)connection and every catch-up interval, on the listening thread. */
    void onCatchUp(Runnable hook) {
        catchUps.add(hook);
    }

    /** Whether the listening connection is up (a health check may show it). */
    public boolean connected() {
        return connected;
    }

    public synchronized PostgresNotifications start() {
        if (thread == null) {
            thread = new Thread(this::run, "qdrant-platform-postgres-listener");
            thread.setDaemon(true);
            thread.start();
        }
        return this;
    }

    private void run() {
        boolean outageLogged = false;
        while (closed.getCount() > 0) {
            try (Connection connection = connections.connect()) {
                try (Statement statement = connection.createStatement()) {
                    for (String channel : handlers.keySet()) {
                        statement.execute("LISTEN " + channel);
                    }
                }
                connected = true;
                if (outageLogged) {
                    LOG.info("Listening to PostgreSQL notifications again; catching up on what was missed");
                    outageLogged = false;
                }
                listenUntilClosed(connection.unwrap(PGConnection.class));
            } catch (SQLException | RuntimeException e) {
                connected = false;
                if (closed.getCount() == 0) {
                    return;
                }
                if (!outageLogged) {
                    LOG.warn("Lost the PostgreSQL notification connection ({}); changes made by other replicas reach "
                            + "this one when it is back, retrying every {} s", e.getMessage(), RECONNECT_DELAY.toSeconds());
                    outageLogged = true;
                }
                awaitClose(RECONNECT_DELAY);
            }
        }
    }

    private void listenUntilClosed(PGConnection connection) throws SQLException {
        long nextCatchUp = System.nanoTime();
        boolean catchUpFailing = false;
        while (closed.getCount() > 0) {
            if (System.nanoTime() - nextCatchUp >= 0) {
                // First round right after connecting: anything sent while we were not listening is read from tables.
                try {
                    runCatchUps();
                    nextCatchUp = System.nanoTime() + catchUpInterval.toNanos();
                    catchUpFailing = false;
                } catch (RuntimeException e) {
                    // The pool may come back after this connection did (it backs off): keep listening, retry soon.
                    if (!catchUpFailing) {
                        LOG.warn("Catching up with the database failed ({}); retrying every {} s", e.getMessage(),
                                RECONNECT_DELAY.toSeconds());
                        catchUpFailing = true;
                    }
                    nextCatchUp = System.nanoTime() + RECONNECT_DELAY.toNanos();
                }
            }
            PGNotification[] notifications = connection.getNotifications(POLL_MILLIS);
            if (notifications == null) {
                continue;
            }
            for (PGNotification notification : notifications) {
                dispatch(notification.getName(), notification.getParameter());
            }
        }
    }

    private void runCatchUps() {
        for (Runnable hook : catchUps) {
            hook.run();
        }
    }

    private void dispatch(String channel, String payload) {
        for (Consumer<String> handler : handlers.getOrDefault(channel, List.of())) {
            try {
                handler.accept(payload);
            } catch (RuntimeException e) {
                LOG.warn("Handling the PostgreSQL notification on {} ({}) failed; the next catch-up covers it",
                        channel, payload, e);
            }
        }
    }

    private void awaitClose(Duration delay) {
        try {
            closed.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed.countDown();
        Thread running = thread;
        if (running != null) {
            try {
                running.join(Duration.ofSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
