package io.qdranthybrid.platform.access;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Persistence of key hashes (SPI; {@link InMemoryAccessKeyStore} is the default). Never sees a secret. */
public interface AccessKeyStore {

    /**
     * Stores {@code key} as the environment's only active key and revokes the previous active ones, atomically.
     *
     * @return the keys this revoked
     */
    List<StoredAccessKey> replaceActiveKey(StoredAccessKey key);

    Optional<StoredAccessKey> find(UUID keyId);

    /** Revokes every key of the environment (e.g. when it is deleted); returns those it revoked. */
    List<StoredAccessKey> revokeAll(String environmentId, java.time.Instant at);
}
