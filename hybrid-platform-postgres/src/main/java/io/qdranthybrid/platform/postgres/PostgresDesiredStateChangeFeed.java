package io.qdranthybrid.platform.postgres;

import io.qdranthybrid.platform.desired.DesiredStateChangeFeed;
import io.qdranthybrid.platform.desired.DesiredStateListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Desired-state revisions saved by any replica, heard through {@code LISTEN}: {@link PostgresDesiredStateRepository}
 * sends {@code pg_notify} in the transaction of each save, so the notification leaves only if the save committed.
 * After each (re)connection and periodically it reads every environment's revision, so a notification lost while the
 * connection was down is caught up (stores ignore revisions they already have).
 */
public final class PostgresDesiredStateChangeFeed implements DesiredStateChangeFeed {

    static final String CHANNEL = "qdrant_hybrid_desired_state";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresDesiredStateChangeFeed.class);

    private final Jdbc jdbc;
    private final List<DesiredStateListener> listeners = new CopyOnWriteArrayList<>();

    /** Registers on {@code notifications}; create it before {@link PostgresNotifications#start}. */
    public PostgresDesiredStateChangeFeed(DataSource dataSource, PostgresNotifications notifications) {
        this.jdbc = new Jdbc(dataSource);
        notifications.listen(CHANNEL, this::notified);
        notifications.onCatchUp(this::catchUp);
    }

    @Override
    public void subscribe(DesiredStateListener listener) {
        listeners.add(listener);
    }

    /** What {@code pg_notify} carries: the revision, a colon, the environment id (which may contain colons). */
    static String payload(String environmentId, long revision) {
        return revision + ":" + environmentId;
    }

    private void notified(String payload) {
        int colon = payload.indexOf(':');
        if (colon < 1) {
            LOG.warn("Ignoring a malformed desired-state notification '{}'", payload);
            return;
        }
        tell(payload.substring(colon + 1), Long.parseLong(payload.substring(0, colon)));
    }

    /** Every environment's current revision: what a notification lost during an outage would have said. */
    private void catchUp() {
        List<Object[]> revisions = jdbc.inTransaction("read the desired-state revisions to catch up", connection -> {
            List<Object[]> rows = new java.util.ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT environment_id, revision FROM desired_state");
                 ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new Object[]{result.getString(1), result.getLong(2)});
                }
            }
            return rows;
        });
        int failed = 0;
        for (Object[] row : revisions) {
            failed += tell((String) row[0], (Long) row[1]);
        }
        if (failed > 0) {
            throw new PlatformStoreException(failed + " environments could not catch up with their desired state");
        }
    }

    /** @return how many listeners failed (each logged); a catch-up that had failures is retried soon */
    private int tell(String environmentId, long revision) {
        int failed = 0;
        for (DesiredStateListener listener : listeners) {
            try {
                listener.revisionStored(environmentId, revision);
            } catch (RuntimeException e) {
                failed++;
                LOG.warn("Catching up environment {} to desired-state revision {} failed ({}); the next catch-up "
                        + "retries", environmentId, revision, e.getMessage());
            }
        }
        return failed;
    }
}
