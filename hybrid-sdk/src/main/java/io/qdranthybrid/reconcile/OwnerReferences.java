package io.qdranthybrid.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Builds and reads controller owner references, which make Kubernetes garbage-collect owned objects. */
public final class OwnerReferences {

    private OwnerReferences() {
    }

    /** A controller reference to {@code owner}; the owner must have been read from the API server (it needs a uid). */
    public static OwnerReference controllerReference(HasMetadata owner) {
        String uid = owner.getMetadata().getUid();
        if (uid == null || uid.isBlank()) {
            throw new IllegalArgumentException("owner " + owner.getKind() + " " + owner.getMetadata().getName()
                    + " has no uid: pass the object as read from the API server, not a locally built one");
        }
        return new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion())
                .withKind(owner.getKind())
                .withName(owner.getMetadata().getName())
                .withUid(uid)
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    /** Makes {@code owner} the controller of {@code owned}, replacing any other controller reference. */
    public static <T extends HasMetadata> T setController(T owned, HasMetadata owner) {
        OwnerReference reference = controllerReference(owner);
        List<OwnerReference> references = new ArrayList<>();
        for (OwnerReference existing : owned.getMetadata().getOwnerReferences()) {
            if (!Boolean.TRUE.equals(existing.getController()) && !existing.getUid().equals(reference.getUid())) {
                references.add(existing);
            }
        }
        references.add(reference);
        owned.getMetadata().setOwnerReferences(references);
        return owned;
    }

    /** The reference marked controller=true, if any. */
    public static Optional<OwnerReference> controllerOf(HasMetadata owned) {
        if (owned.getMetadata() == null || owned.getMetadata().getOwnerReferences() == null) {
            return Optional.empty();
        }
        return owned.getMetadata().getOwnerReferences().stream()
                .filter(reference -> Boolean.TRUE.equals(reference.getController()))
                .findFirst();
    }

    /** Whether {@code reference} points at an object of this kind and apiVersion. */
    static boolean refersTo(OwnerReference reference, String apiVersion, String kind) {
        return Objects.equals(reference.getKind(), kind) && Objects.equals(reference.getApiVersion(), apiVersion);
    }
}
