package io.qdranthybrid.harness.kube.controllers.machinery;

/** A reconcile could not complete; the work queue retries the key with backoff. */
public class ReconcileFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ReconcileFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    public ReconcileFailedException(String message) {
        super(message);
    }
}
