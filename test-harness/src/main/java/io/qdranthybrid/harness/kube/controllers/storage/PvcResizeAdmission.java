package io.qdranthybrid.harness.kube.controllers.storage;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.qdranthybrid.harness.kube.AdmissionRules;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rules the real API server applies to a PersistentVolumeClaim update that changes
 * {@code spec.resources.requests.storage}: PVC validation (no shrinking, no resizing of an unbound
 * claim: 422 Invalid) and the {@code PersistentVolumeClaimResize} admission plugin (growing only
 * when the claim's StorageClass has {@code allowVolumeExpansion: true}: 403 Forbidden). The
 * messages are the real ones without the {@code PersistentVolumeClaim "name" is invalid: } prefix,
 * which the API server adds.
 */
public final class PvcResizeAdmission {

    static final String SHRINK_REFUSED = "spec.resources.requests.storage: Forbidden: field can not be less than previous value";
    static final String CLASS_CANNOT_EXPAND = "only dynamically provisioned pvc can be resized and the storageclass that "
            + "provisions the pvc must support resize";
    static final String UNBOUND_IMMUTABLE = "spec: Forbidden: spec is immutable after creation except resources.requests "
            + "and volumeAttributesClassName for bound claims";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /** Which stage of the real API server refuses: object validation or the admission plugin. */
    public enum Stage { VALIDATION, ADMISSION }

    /** A refused update: the stage (422 Invalid for validation, 403 Forbidden for admission) and the message. */
    public record Refusal(Stage stage, String message) {
    }

    /**
     * Reviews an update of a claim.
     *
     * @param old     the stored claim
     * @param updated the claim as submitted
     * @param classes StorageClass by name, returning null when there is no such class
     * @return why the update is refused, empty when it may go ahead
     */
    public Optional<String> review(PersistentVolumeClaim old, PersistentVolumeClaim updated,
            Function<String, StorageClass> classes) {
        return check(old, updated, classes).map(Refusal::message);
    }

    /** Like {@link #review}, also telling which stage refuses (and so the HTTP status). */
    public Optional<Refusal> check(PersistentVolumeClaim old, PersistentVolumeClaim updated,
            Function<String, StorageClass> classes) {
        Objects.requireNonNull(old, "old");
        Objects.requireNonNull(updated, "updated");
        Optional<BigDecimal> oldSize = requestedBytes(old);
        Optional<BigDecimal> newSize = requestedBytes(updated);
        if (oldSize.isEmpty() || newSize.isEmpty() || oldSize.get().compareTo(newSize.get()) == 0) {
            return Optional.empty();
        }
        boolean bound = old.getStatus() != null && "Bound".equals(old.getStatus().getPhase());
        if (!bound) {
            return Optional.of(new Refusal(Stage.VALIDATION, UNBOUND_IMMUTABLE));
        }
        if (newSize.get().compareTo(oldSize.get()) < 0) {
            return Optional.of(new Refusal(Stage.VALIDATION, SHRINK_REFUSED));
        }
        String className = old.getSpec().getStorageClassName();
        StorageClass storageClass = className == null || className.isEmpty() ? null : classes.apply(className);
        if (storageClass == null || !Boolean.TRUE.equals(storageClass.getAllowVolumeExpansion())) {
            return Optional.of(new Refusal(Stage.ADMISSION, CLASS_CANNOT_EXPAND));
        }
        return Optional.empty();
    }

    /**
     * Installs these rules in a simulated API server: validation refusals answer 422 Invalid, admission
     * refusals 403 Forbidden, with the real messages. {@code classes} must not call the same API server
     * (it runs inside a request); pass a cache such as {@link StorageController#storageClass(String)}.
     */
    public void registerWith(AdmissionRules admission, Function<String, StorageClass> classes) {
        admission.register("PersistentVolumeClaim", AdmissionRules.Rejection.INVALID,
                (old, updated) -> checkGeneric(old, updated, classes).filter(r -> r.stage() == Stage.VALIDATION).map(Refusal::message));
        admission.register("PersistentVolumeClaim", AdmissionRules.Rejection.FORBIDDEN,
                (old, updated) -> checkGeneric(old, updated, classes).filter(r -> r.stage() == Stage.ADMISSION).map(Refusal::message));
    }

    private Optional<Refusal> checkGeneric(GenericKubernetesResource old, GenericKubernetesResource updated,
            Function<String, StorageClass> classes) {
        if (old == null) {
            return Optional.empty();
        }
        return check(SERIALIZATION.convertValue(old, PersistentVolumeClaim.class),
                SERIALIZATION.convertValue(updated, PersistentVolumeClaim.class), classes);
    }

    private static Optional<BigDecimal> requestedBytes(PersistentVolumeClaim claim) {
        if (claim.getSpec() == null || claim.getSpec().getResources() == null
                || claim.getSpec().getResources().getRequests() == null) {
            return Optional.empty();
        }
        Quantity storage = claim.getSpec().getResources().getRequests().get("storage");
        return storage == null ? Optional.empty() : Optional.of(storage.getNumericalAmount());
    }
}
