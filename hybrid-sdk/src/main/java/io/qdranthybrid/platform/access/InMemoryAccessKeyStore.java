package io.qdranthybrid.platform.access;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Key hashes in memory. Revoked keys are kept so a rotated key is told apart from a wrong one. Thread-safe. */
public final class InMemoryAccessKeyStore implements AccessKeyStore {

    private final Map<UUID, StoredAccessKey> keys = new HashMap<>();

    @Override
    public synchronized List<StoredAccessKey> replaceActiveKey(StoredAccessKey key) {
        List<StoredAccessKey> revoked = revokeActive(key.environmentId(), key.issuedAt());
        keys.put(key.keyId(), key);
        return revoked;
    }

    @Override
    public synchronized Optional<StoredAccessKey> find(UUID keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    @Override
    public synchronized List<StoredAccessKey> revokeAll(String environmentId, Instant at) {
        return revokeActive(environmentId, at);
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
