package io.qdranthybrid.platform.postgres;

/** The database refused or could not be reached; the change was rolled back as a whole. */
public class PlatformStoreException extends RuntimeException {

    public PlatformStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public PlatformStoreException(String message) {
        super(message);
    }
}
