package io.qdranthybrid.platform.access;

import io.qdranthybrid.protocol.SampleMessages;
import io.qdranthybrid.protocol.message.AccessKey;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.qdranthybrid.platform.PlatformFixture.secretOf;
import static org.assertj.core.api.Assertions.assertThat;

class AccessKeysTest {

    private final InMemoryAccessKeyStore store = new InMemoryAccessKeyStore();
    private final AccessKeys keys = new AccessKeys(store, Clock.fixed(SampleMessages.T0, java.time.ZoneOffset.UTC));

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

}
