package io.qdranthybrid.platform.desired;

/** Told after the store reached a new revision. Called on the writer's thread, outside the store's lock. */
@FunctionalInterface
public interface DesiredStateListener {

    void revisionStored(String environmentId, long revision);
}
