package io.qdranthybrid.protocol.message;

/**
 * One resource a Nack of a desired state concerns, with its own reason: lets the control plane mark exactly the
 * resources that were refused (or failed) instead of every resource the message carried.
 */
public record RefusedResource(ResourceKey key, NackReason reason, String message) {

    public RefusedResource {
        Require.present(key, "key");
        Require.present(reason, "reason");
        message = Require.orEmpty(message);
    }
}
