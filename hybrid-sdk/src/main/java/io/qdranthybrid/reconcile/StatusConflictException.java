package io.qdranthybrid.reconcile;

/** A status write kept conflicting with concurrent writers for every allowed attempt; the reconcile should retry. */
public final class StatusConflictException extends RuntimeException {

    public StatusConflictException(String message) {
        super(message);
    }
}
