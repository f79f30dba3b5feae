package io.qdranthybrid.platform.access;

/** Told when keys stop being valid, so sessions that authenticated with them can be cut. */
@FunctionalInterface
public interface AccessKeyRevocationListener {

    void revoked(StoredAccessKey key);
}
