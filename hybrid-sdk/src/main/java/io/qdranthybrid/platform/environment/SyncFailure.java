package io.qdranthybrid.platform.environment;

import io.qdranthybrid.protocol.message.NackReason;

import java.time.Instant;

/** The agent rejected desired-state {@code revision}; cleared when it acknowledges that revision or a later one. */
public record SyncFailure(long revision, NackReason reason, String message, Instant since) {

    public SyncFailure {
        if (revision <= 0) {
            throw new IllegalArgumentException("revision must be > 0 but was " + revision);
        }
        if (reason == null || since == null) {
            throw new IllegalArgumentException("reason and since are required");
        }
        message = message == null ? "" : message;
    }
}
