package io.qdranthybrid.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Drives the world towards what a primary resource asks for; the controller calls it with the object currently in
 * its cache (a private copy), never with the event that woke it, so a reconcile must be level-triggered and
 * idempotent. A thrown exception is retried with per-key exponential backoff.
 */
public interface Reconciler<R extends HasMetadata> {

    /** Reads the world, applies the difference, writes status; the result says whether to run again on a timer. */
    ReconcileResult reconcile(R resource) throws Exception;

    /**
     * Releases what Kubernetes garbage collection will not (external state) before the resource disappears; only
     * called when the controller is configured with a finalizer. The finalizer is removed once this returns done.
     */
    default ReconcileResult cleanup(R resource) throws Exception {
        return ReconcileResult.done();
    }

    /**
     * The primary is gone from the cache (deleted): drop whatever was remembered about it between reconciles.
     * Remembered state must only ever save work, never be needed for correctness.
     */
    default void forget(ResourceKey key) {
    }
}
