package io.qdranthybrid.platform.access;

import io.qdranthybrid.protocol.SampleMessages;
import io.qdranthybrid.protocol.message.AccessKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.qdranthybrid.platform.PlatformFixture.secretOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link AccessKeyStore} must do, exercised through {@link AccessKeys} as a control plane uses it. A
 * backend's test extends this and says how to make an empty store; the in-memory one is {@code AccessKeysTest}.
 */
public abstract class AccessKeyStoreContract {

    protected AccessKeyStore store;
    protected AccessKeys keys;

    /** An empty store. */
    protected abstract AccessKeyStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
        keys = new AccessKeys(store, Clock.fixed(SampleMessages.T0, ZoneOffset.UTC));
    }

    @Test
    void anIssuedKeyVerifiesForItsEnvironmentOnly() {
        AccessKey key = keys.issue("env-1");

        assertThat(keys.verify("env-1", key)).isEqualTo(KeyVerification.VALID);
        assertThat(keys.verify("env-2", key)).isEqualTo(KeyVerification.BAD_KEY);
    }

    @Test
    void aWrongSecretOrUnknownKeyIdIsABadKey() {
        AccessKey key = keys.issue("env-1");
        AccessKey wrongSecret = AccessKey.parse(key.keyId() + "|not-the-secret");
        AccessKey unknownId = AccessKey.parse("00000000-0000-0000-0000-000000000001|" + secretOf(key));

        assertThat(keys.verify("env-1", wrongSecret)).isEqualTo(KeyVerification.BAD_KEY);
        assertThat(keys.verify("env-1", unknownId)).isEqualTo(KeyVerification.BAD_KEY);
    }

    @Test
    void issuingAgainRotatesThePreviousKeyAndTellsListeners() {
        List<StoredAccessKey> revoked = new CopyOnWriteArrayList<>();
        keys.addRevocationListener(revoked::add);
        AccessKey first = keys.issue("env-1");
        AccessKey other = keys.issue("env-2");

        AccessKey second = keys.issue("env-1");

        assertThat(keys.verify("env-1", first)).isEqualTo(KeyVerification.ROTATED);
        assertThat(keys.verify("env-1", second)).isEqualTo(KeyVerification.VALID);
        assertThat(keys.verify("env-2", other)).isEqualTo(KeyVerification.VALID);
        assertThat(revoked).extracting(StoredAccessKey::keyId).containsExactly(first.keyId());
        assertThat(keys.isActive(first.keyId())).isFalse();
    }

    @Test
    void secretsAreLongRandomAndStoredOnlyAsAHash() {
        AccessKey a = keys.issue("env-1");
        AccessKey b = keys.issue("env-2");
        String secret = secretOf(a);

        assertThat(secret).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(secretOf(b));
        StoredAccessKey stored = store.find(a.keyId()).orElseThrow();
        assertThat(new String(stored.secretSha256(), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(secret);
        assertThat(stored.toString()).doesNotContain(secret);
        assertThat(a.toString()).doesNotContain(secret).contains("redacted");
    }

    @Test
    void revokingAllKeysOfADeletedEnvironmentInvalidatesThem() {
        AccessKey key = keys.issue("env-1");

        keys.revokeAll("env-1");

        assertThat(keys.verify("env-1", key)).isEqualTo(KeyVerification.ROTATED);
    }

    @Test
    void theStoreKeepsRevokedKeysWithWhenTheyWereRevoked() {
        StoredAccessKey first = key("env-1", SampleMessages.T0);
        StoredAccessKey second = key("env-1", SampleMessages.T0.plus(Duration.ofHours(1)));
        store.replaceActiveKey(first);

        List<StoredAccessKey> revoked = store.replaceActiveKey(second);

        StoredAccessKey firstNow = first.revoke(second.issuedAt());
        assertThat(revoked).containsExactly(firstNow);
        assertThat(store.find(first.keyId())).contains(firstNow);
        assertThat(store.find(second.keyId())).contains(second);
        assertThat(store.find(UUID.randomUUID())).isEmpty();
    }

    @Test
    void revokingAllTouchesOnlyThatEnvironmentAndOnlyOnce() {
        StoredAccessKey mine = key("env-1", SampleMessages.T0);
        StoredAccessKey other = key("env-2", SampleMessages.T0);
        store.replaceActiveKey(mine);
        store.replaceActiveKey(other);
        java.time.Instant at = SampleMessages.T0.plus(Duration.ofMinutes(5));

        assertThat(store.revokeAll("env-1", at)).containsExactly(mine.revoke(at));

        assertThat(store.revokeAll("env-1", at.plusSeconds(1))).isEmpty();
        assertThat(store.find(mine.keyId()).orElseThrow().revokedAtIfAny()).contains(at);
        assertThat(store.find(other.keyId()).orElseThrow().active()).isTrue();
    }

    private static StoredAccessKey key(String environmentId, java.time.Instant issuedAt) {
        byte[] hash = new byte[32];
        new java.security.SecureRandom().nextBytes(hash);
        return new StoredAccessKey(UUID.randomUUID(), environmentId, hash, issuedAt, null);
    }
}
