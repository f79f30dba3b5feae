package io.qdranthybrid.platform.postgres;

/**
 * Another writer (typically another replica) already stored this revision or a later one of the environment's desired
 * state; the save was refused so that nothing it wrote is lost. Reload the store and apply the change again.
 */
public final class StaleRevisionException extends PlatformStoreException {

    public StaleRevisionException(String environmentId, long attempted, long stored) {
        super("desired state of environment " + environmentId + " is already at revision " + stored
                + "; refusing to save revision " + attempted + " over it");
    }
}
