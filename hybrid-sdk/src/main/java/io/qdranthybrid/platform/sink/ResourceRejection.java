package io.qdranthybrid.platform.sink;

import io.qdranthybrid.protocol.message.NackReason;
import io.qdranthybrid.protocol.message.ResourceKey;

import java.time.Instant;

/** The agent rejected the desired state that carried this resource at {@code revision}. */
public record ResourceRejection(ResourceKey key, long revision, NackReason reason, String message, Instant at) {

    public ResourceRejection {
        if (key == null || reason == null || at == null) {
            throw new IllegalArgumentException("key, reason and at are required");
        }
        message = message == null ? "" : message;
    }
}
