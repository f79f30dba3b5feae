package io.qdranthybrid.harness.kube.controllers.storage;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Quantity;

import java.util.Optional;

/**
 * Typed reads of the snapshot.storage.k8s.io/v1 objects, which the harness handles as
 * {@link GenericKubernetesResource} (fabric8's volumesnapshot model is not available here).
 */
record VolumeSnapshotView(GenericKubernetesResource raw) {

    static final String GROUP = "snapshot.storage.k8s.io";
    static final String API_VERSION = GROUP + "/v1";

    String namespace() {
        return raw.getMetadata().getNamespace();
    }

    String name() {
        return raw.getMetadata().getName();
    }

    String uid() {
        return raw.getMetadata().getUid();
    }

    Optional<String> sourceClaimName() {
        return text("spec", "source", "persistentVolumeClaimName");
    }

    Optional<String> sourceContentName() {
        return text("spec", "source", "volumeSnapshotContentName");
    }

    Optional<String> className() {
        return text("spec", "volumeSnapshotClassName");
    }

    boolean readyToUse() {
        return Boolean.TRUE.equals(raw.get("status", "readyToUse"));
    }

    Optional<String> boundContentName() {
        return text("status", "boundVolumeSnapshotContentName");
    }

    Optional<Quantity> restoreSize() {
        return text("status", "restoreSize").map(Quantity::new);
    }

    Optional<String> errorMessage() {
        return text("status", "error", "message");
    }

    /** VolumeSnapshotContent: {@code status.snapshotHandle}. */
    Optional<String> contentSnapshotHandle() {
        return text("status", "snapshotHandle");
    }

    /** VolumeSnapshotContent and VolumeSnapshotClass: {@code spec.driver} / {@code driver}. */
    Optional<String> driver() {
        return text("spec", "driver").or(() -> text("driver"));
    }

    /** VolumeSnapshotContent and VolumeSnapshotClass: {@code spec.deletionPolicy} / {@code deletionPolicy}. */
    Optional<String> deletionPolicy() {
        return text("spec", "deletionPolicy").or(() -> text("deletionPolicy"));
    }

    /** VolumeSnapshotContent: the snapshot it is bound to, {@code spec.volumeSnapshotRef}. */
    Optional<String> refNamespace() {
        return text("spec", "volumeSnapshotRef", "namespace");
    }

    Optional<String> refName() {
        return text("spec", "volumeSnapshotRef", "name");
    }

    Optional<String> refUid() {
        return text("spec", "volumeSnapshotRef", "uid");
    }

    private Optional<String> text(Object... path) {
        Object value = raw.get(path);
        return value == null ? Optional.empty() : Optional.of(value.toString()).filter(s -> !s.isEmpty());
    }
}
