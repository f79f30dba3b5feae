package io.qdranthybrid.platform.postgres;

import io.qdranthybrid.platform.access.AccessKeyRevocationFeed;
import io.qdranthybrid.platform.access.AccessKeyRevocationListener;
import io.qdranthybrid.platform.access.StoredAccessKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Keys revoked by any replica, heard through {@code LISTEN}: {@link PostgresAccessKeyStore} sends {@code pg_notify} in
 * the transaction that revokes. After each (re)connection and periodically it reads the keys revoked since the last
 * such read (with a margin for replicas' clocks), so a revocation sent while the connection was down still cuts the
 * sessions that used the key.
 */
public final class PostgresAccessKeyRevocationFeed implements AccessKeyRevocationFeed {

    static final String CHANNEL = "qdrant_hybrid_access_key_revoked";
    /** Replicas stamp revocations with their own clocks; re-reading a little more costs a no-op cut. */
    private static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(PostgresAccessKeyRevocationFeed.class);

    private final PostgresAccessKeyStore keys;
    private final Clock clock;
    private final List<AccessKeyRevocationListener> listeners = new CopyOnWriteArrayList<>();
    private volatile Instant caughtUpAt;

    /** Registers on {@code notifications}; create it before {@link PostgresNotifications#start}. */
    public PostgresAccessKeyRevocationFeed(DataSource dataSource, PostgresNotifications notifications, Clock clock) {
        this.keys = new PostgresAccessKeyStore(dataSource);
        this.clock = clock;
        this.caughtUpAt = clock.instant();
        notifications.listen(CHANNEL, this::notified);
        notifications.onCatchUp(this::catchUp);
    }

    @Override
    public void subscribe(AccessKeyRevocationListener listener) {
        listeners.add(listener);
    }

    private void notified(String keyId) {
        keys.find(UUID.fromString(keyId)).filter(key -> !key.active()).ifPresent(this::tell);
    }

    private void catchUp() {
        Instant now = clock.instant();
        keys.revokedSince(caughtUpAt.minus(CLOCK_MARGIN)).forEach(this::tell);
        caughtUpAt = now;
    }

    private void tell(StoredAccessKey key) {
        for (AccessKeyRevocationListener listener : listeners) {
            try {
                listener.revoked(key);
            } catch (RuntimeException e) {
                LOG.warn("Applying the revocation of access key {} failed", key.keyId(), e);
            }
        }
    }
}
