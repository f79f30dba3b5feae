package io.qdranthybrid.platform.access;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * What the control plane keeps of an issued access key: its id, environment and the SHA-256 of its secret. Never the
 * secret itself; {@link #toString()} shows only a short prefix of the hash.
 *
 * @param revokedAt when a newer key replaced this one, null while it is the environment's active key
 */
public record StoredAccessKey(UUID keyId, String environmentId, byte[] secretSha256, Instant issuedAt,
                              Instant revokedAt) {

    public StoredAccessKey {
        if (keyId == null || environmentId == null || issuedAt == null) {
            throw new IllegalArgumentException("keyId, environmentId and issuedAt are required");
        }
        if (secretSha256 == null || secretSha256.length != 32) {
            throw new IllegalArgumentException("secretSha256 must be a 32-byte SHA-256 digest");
        }
        secretSha256 = secretSha256.clone();
    }

    @Override
    public byte[] secretSha256() {
        return secretSha256.clone();
    }

    public boolean active() {
        return revokedAt == null;
    }

    public Optional<Instant> revokedAtIfAny() {
        return Optional.ofNullable(revokedAt);
    }

    public StoredAccessKey revoke(Instant at) {
        return revokedAt != null ? this : new StoredAccessKey(keyId, environmentId, secretSha256, issuedAt, at);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredAccessKey that && keyId.equals(that.keyId)
                && environmentId.equals(that.environmentId) && Arrays.equals(secretSha256, that.secretSha256)
                && issuedAt.equals(that.issuedAt) && java.util.Objects.equals(revokedAt, that.revokedAt);
    }

    @Override
    public int hashCode() {
        return keyId.hashCode();
    }

    @Override
    public String toString() {
        return "StoredAccessKey[keyId=" + keyId + ", environmentId=" + environmentId + ", sha256="
                + HexFormat.of().formatHex(secretSha256, 0, 4) + "..., issuedAt=" + issuedAt
                + ", revokedAt=" + revokedAt + "]";
    }
}
