package io.qdranthybrid.offboard;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;

import java.util.List;
import java.util.function.Predicate;

/**
 * Which leftover objects may lose their finalizers now: those none of whose owners still exist. An owned object goes
 * with its owner (garbage collection), and stripping its finalizer first would let it vanish while the owner's
 * controller may still need it, so owners go first. Pure.
 */
public final class OwnerOrder {

    private OwnerOrder() {
    }

    /** @param ownerExists whether the object an owner reference names still exists (same uid) */
    public static <T extends HasMetadata> List<T> ownersGone(List<T> objects, Predicate<OwnerReference> ownerExists) {
        return objects.stream().filter(object -> object.getMetadata().getOwnerReferences() == null
                || object.getMetadata().getOwnerReferences().stream().noneMatch(ownerExists)).toList();
    }
}
