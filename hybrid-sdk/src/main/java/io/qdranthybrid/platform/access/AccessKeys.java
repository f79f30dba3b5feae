package io.qdranthybrid.platform.access;

import io.qdranthybrid.protocol.message.AccessKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Issues, verifies and rotates environment access keys ({@code <uuid>|<secret>}). One active key per environment:
 * issuing a new one revokes the previous, and revocation listeners cut the sessions that used it.
 *
 * <p>Why a plain SHA-256 and not bcrypt/argon2: slow, salted hashes defend low-entropy human passwords against
 * offline guessing. Our secret is 256 bits from {@link SecureRandom}; no dictionary or brute force can reach it, so
 * one fast hash is enough to make a leaked store useless, and it keeps every agent handshake cheap. The comparison is
 * constant-time ({@link MessageDigest#isEqual}) so response timing reveals nothing about the stored hash.
 */
public final class AccessKeys {

    private static final Logger LOG = LoggerFactory.getLogger(AccessKeys.class);
    private static final int SECRET_BYTES = 32;

    private final AccessKeyStore store;
    private final Clock clock;
    private final SecureRandom random;
    private final List<AccessKeyRevocationListener> listeners = new CopyOnWriteArrayList<>();

    public AccessKeys(AccessKeyStore store, Clock clock, SecureRandom random) {
        this.store = store;
        this.clock = clock;
        this.random = random;
    }

    public AccessKeys(AccessKeyStore store, Clock clock) {
        this(store, clock, new SecureRandom());
    }

    public void addRevocationListener(AccessKeyRevocationListener listener) {
        listeners.add(listener);
    }

    /**
     * Also tells this instance's revocation listeners about keys that other replicas revoke in the shared store, so a
     * key rotated through any replica cuts the sessions on this one.
     */
    public void followRevocations(AccessKeyRevocationFeed feed) {
        feed.subscribe(this::notifyRevoked);
    }

    /**
     * Mints a new key for the environment and revokes the previous one. The returned key is the only copy of the
     * secret: hand it to the user and forget it.
     */
    public AccessKey issue(String environmentId) {
        byte[] secretBytes = new byte[SECRET_BYTES];
        random.nextBytes(secretBytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        AccessKey key = AccessKey.parse(UUID.randomUUID() + "|" + secret);
        StoredAccessKey stored = new StoredAccessKey(key.keyId(), environmentId, sha256(secret), clock.instant(), null);
        List<StoredAccessKey> revoked = store.replaceActiveKey(stored);
        LOG.info("Issued access key {} for environment {}; revoked {}", key.keyId(), environmentId,
                revoked.stream().map(StoredAccessKey::keyId).toList());
        revoked.forEach(this::notifyRevoked);
        return key;
    }

    /** Revokes every key of the environment, e.g. when it is deleted. */
    public void revokeAll(String environmentId) {
        List<StoredAccessKey> revoked = store.revokeAll(environmentId, clock.instant());
        if (!revoked.isEmpty()) {
            LOG.info("Revoked access keys {} of environment {}", revoked.stream().map(StoredAccessKey::keyId).toList(),
                    environmentId);
        }
        revoked.forEach(this::notifyRevoked);
    }

    public KeyVerification verify(String environmentId, AccessKey presented) {
        Optional<StoredAccessKey> stored = store.find(presented.keyId());
        // Hash even for an unknown id so a miss costs the same time as a wrong secret.
        byte[] presentedHash = sha256(secretOf(presented));
        if (stored.isEmpty() || !stored.get().environmentId().equals(environmentId)
                || !MessageDigest.isEqual(presentedHash, stored.get().secretSha256())) {
            return KeyVerification.BAD_KEY;
        }
        return stored.get().active() ? KeyVerification.VALID : KeyVerification.ROTATED;
    }

    /** Whether the key with this id is still the active key of its environment. */
    public boolean isActive(UUID keyId) {
        return store.find(keyId).map(StoredAccessKey::active).orElse(false);
    }

    /**
     * A fingerprint of a key for pod annotations (restarts the agent when the key changes). Derived with a distinct
     * prefix so it never equals the stored hash.
     */
    public static String fingerprint(AccessKey key) {
        byte[] digest = sha256("qdrant-hybrid-access-key-fingerprint:" + key.reveal());
        return java.util.HexFormat.of().formatHex(digest, 0, 16);
    }

    private void notifyRevoked(StoredAccessKey key) {
        for (AccessKeyRevocationListener listener : listeners) {
            try {
                listener.revoked(key);
            } catch (RuntimeException e) {
                LOG.warn("Access key revocation listener failed for key {}", key.keyId(), e);
            }
        }
    }

    private static String secretOf(AccessKey key) {
        String full = key.reveal();
        return full.substring(full.indexOf('|') + 1);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }
}
