package io.qdranthybrid.protocol.message;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * The wire wrapper {@code {"v":1,"type":"...","id":"...","ts":"...","payload":{...}}}. The {@code id} is what Acks and
 * Nacks refer to; a redelivered message keeps its id.
 */
public record Envelope<M extends ProtocolMessage>(int version, String id, Instant timestamp, M message) {

    public Envelope {
        Require.positive(version, "v");
        Require.nonBlank(id, "id");
        if (id.length() > 128) {
            throw new IllegalArgumentException("id must be at most 128 characters but has " + id.length());
        }
        Require.present(timestamp, "ts");
        Require.present(message, "payload");
    }

    /** Wraps {@code message} with a fresh random id at the current protocol version. */
    public static <M extends ProtocolMessage> Envelope<M> wrap(M message, Clock clock) {
        return new Envelope<>(ProtocolVersions.V1, UUID.randomUUID().toString(), clock.instant(), message);
    }
}
