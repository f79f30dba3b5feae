package io.qdranthybrid.protocol.message;

import java.util.UUID;

/**
 * The environment access key, {@code <uuid>|<secret>} as handed out by the bootstrap command. The secret never
 * appears in {@link #toString()}; only {@link #reveal()} returns it, for the wire.
 */
public final class AccessKey {

    private final UUID keyId;
    private final String secret;

    private AccessKey(UUID keyId, String secret) {
        this.keyId = keyId;
        this.secret = secret;
    }

    /**
     * Parses {@code <uuid>|<secret>}.
     *
     * @throws IllegalArgumentException naming what is wrong, without echoing the secret
     */
    public static AccessKey parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("accessKey must not be blank; expected the format <uuid>|<secret>");
        }
        int bar = text.indexOf('|');
        if (bar < 0) {
            throw new IllegalArgumentException("accessKey has no '|'; expected the format <uuid>|<secret>");
        }
        UUID id;
        try {
            id = UUID.fromString(text.substring(0, bar).trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("accessKey does not start with a UUID; expected the format <uuid>|<secret>");
        }
        String secret = text.substring(bar + 1);
        if (secret.isBlank() || secret.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("accessKey secret after '|' must be non-empty and without whitespace");
        }
        return new AccessKey(id, secret);
    }

    public UUID keyId() {
        return keyId;
    }

    /** The full key as sent on the wire. Never log it. */
    public String reveal() {
        return keyId + "|" + secret;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AccessKey that && keyId.equals(that.keyId) && secret.equals(that.secret);
    }

    @Override
    public int hashCode() {
        return keyId.hashCode();
    }

    @Override
    public String toString() {
        return "AccessKey[keyId=" + keyId + ", secret=<redacted>]";
    }
}
