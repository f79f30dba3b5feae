package io.qdranthybrid.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;

import java.util.Objects;

/**
 * Tells an update that changed only an object's status (as a reconciler's own status write does) from one that
 * changed what it asks for: the spec (generation), labels, annotations, finalizers or deletion. An informer resync
 * delivers the same version twice and is never status-only.
 */
public final class StatusOnlyChange {

    private StatusOnlyChange() {
    }

    public static boolean between(HasMetadata before, HasMetadata after) {
        ObjectMeta old = before.getMetadata();
        ObjectMeta updated = after.getMetadata();
        return old.getGeneration() != null
                && !Objects.equals(old.getResourceVersion(), updated.getResourceVersion())
                && Objects.equals(old.getGeneration(), updated.getGeneration())
                && Objects.equals(old.getLabels(), updated.getLabels())
                && Objects.equals(old.getAnnotations(), updated.getAnnotations())
                && Objects.equals(old.getFinalizers(), updated.getFinalizers())
                && Objects.equals(old.getDeletionTimestamp(), updated.getDeletionTimestamp());
    }
}
