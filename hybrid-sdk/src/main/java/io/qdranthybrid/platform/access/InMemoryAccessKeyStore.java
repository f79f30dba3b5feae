package io.qdranthybrid.platform.access;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** Key hashes in memory. Revoked keys are kept so a rotated key is told apart from a wrong one. Thread-safe. */
public final class InMemoryAccessKeyStore implements AccessKeyStore {

    private final Map<UUID, StoredAccessKey> keys = new HashMap<>();
    private final List<AccessKeyRevocationListener> subscribers = new CopyOnWriteArrayList<>();

    /** Told of every key this store revokes, for replicas sharing it (tests). */
    public AccessKeyRevocationFeed revocationFeed() {
        return subscribers::add;
    }

    @Override
    public List<StoredAccessKey> replaceActiveKey(StoredAccessKey key) {
        List<StoredAccessKey> revoked;
        synchronized (this) {
            revoked = revokeActive(key.environmentId(), key.issuedAt());
            keys.put(key.keyId(), key);
        }
        return published(revoked);
    }

    @Override
    public synchronized Optional<StoredAccessKey> find(UUID keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    @Override
    public List<StoredAccessKey> revokeAll(String environmentId, Instant at) {
        List<StoredAccessKey> revoked;
        synchronized (this) {
            revoked = revokeActive(environmentId, at);
        }
        return published(revoked);
    }

    /** Tells subscribers outside the lock: they cut sessions, which may read this store. */
    private List<StoredAccessKey> published(List<StoredAccessKey> revoked) {
        for (StoredAccessKey key : revoked) {
            subscribers.forEach(subscriber -> subscriber.revoked(key));
        }
        return revoked;
    }

    private List<StoredAccessKey> revokeActive(String environmentId, Instant at) {
        List<StoredAccessKey> revoked = new ArrayList<>();
        for (StoredAccessKey existing : List.copyOf(keys.values())) {
            if (existing.environmentId().equals(environmentId) && existing.active()) {
                StoredAccessKey now = existing.revoke(at);
                keys.put(now.keyId(), now);
                revoked.add(now);
            }
        }
        return revoked;
    }
}
