package io.qdranthybrid.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Creates or updates objects only when they differ from what is desired, so reconciling an unchanged world writes
 * nothing. "Differs" means some field the desired object sets is absent or different in the actual object (see
 * {@link DesiredStateMatch}); updates keep the actual resourceVersion, so a concurrent change fails with 409
 * instead of being overwritten, and keep labels, annotations and finalizers that others added.
 */
public final class ResourceApplier {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceApplier.class);

    private final KubernetesClient client;
    private final KubernetesSerialization serialization;
    private final Consumer<HasMetadata> written;

    public ResourceApplier(KubernetesClient client) {
        this(client, answer -> { });
    }

    /**
     * @param written sees what the API server answered to each create and update, so a caller that reads from an
     *                informer cache can tell when the cache has caught up with its own write (its resourceVersion)
     */
    public ResourceApplier(KubernetesClient client, Consumer<HasMetadata> written) {
        this.client = Objects.requireNonNull(client, "client");
        this.serialization = client.getKubernetesSerialization();
        this.written = Objects.requireNonNull(written, "written");
    }

    /** Applies {@code desired}, reading the actual object from the API server. */
    public <T extends HasMetadata> ApplyOutcome apply(T desired) {
        requireName(desired);
        return apply(desired, client.resource(desired).get());
    }

    /**
     * Applies {@code desired} against {@code actualOrNull}, typically read from an informer cache (null when the
     * object does not exist); a stale cache costs at most a 409 that the next reconcile resolves.
     */
    public <T extends HasMetadata> ApplyOutcome apply(T desired, T actualOrNull) {
        requireName(desired);
        if (actualOrNull == null) {
            // A copy: callers may keep their desired objects between reconciles, and the client may fill in fields.
            written.accept(client.resource(serialization.clone(desired)).create());
            LOG.info("Created {} {}", desired.getKind(), describe(desired));
            return ApplyOutcome.CREATED;
        }
        JsonNode desiredTree = serialization.convertValue(desired, JsonNode.class);
        JsonNode actualTree = serialization.convertValue(actualOrNull, JsonNode.class);
        if (DesiredStateMatch.isSatisfiedBy(desiredTree, actualTree)) {
            return ApplyOutcome.UNCHANGED;
        }
        written.accept(client.resource(updateBody(desired, actualOrNull)).update());
        LOG.info("Updated {} {}", desired.getKind(), describe(desired));
        return ApplyOutcome.UPDATED;
    }

    /** Deletes the object; false when it was already gone. */
    public boolean delete(HasMetadata resource) {
        requireName(resource);
        boolean deleted = !client.resource(resource).delete().isEmpty();
        if (deleted) {
            LOG.info("Deleted {} {}", resource.getKind(), describe(resource));
        }
        return deleted;
    }

    private <T extends HasMetadata> T updateBody(T desired, T actual) {
        T body = serialization.clone(desired);
        ObjectMeta meta = body.getMetadata();
        ObjectMeta actualMeta = actual.getMetadata();
        meta.setResourceVersion(actualMeta.getResourceVersion());
        meta.setLabels(merged(actualMeta.getLabels(), meta.getLabels()));
        meta.setAnnotations(merged(actualMeta.getAnnotations(), meta.getAnnotations()));
        meta.setFinalizers(actualMeta.getFinalizers());
        if (meta.getOwnerReferences() == null || meta.getOwnerReferences().isEmpty()) {
            meta.setOwnerReferences(actualMeta.getOwnerReferences());
        }
        return body;
    }

    private static Map<String, String> merged(Map<String, String> actual, Map<String, String> desired) {
        Map<String, String> result = new LinkedHashMap<>();
        if (actual != null) {
            result.putAll(actual);
        }
        if (desired != null) {
            result.putAll(desired);
        }
        return result;
    }

    private static void requireName(HasMetadata resource) {
        if (resource.getMetadata() == null || resource.getMetadata().getName() == null) {
            throw new IllegalArgumentException("a " + resource.getKind() + " to apply needs metadata.name");
        }
    }

    static String describe(HasMetadata resource) {
        String namespace = resource.getMetadata().getNamespace();
        return namespace == null ? resource.getMetadata().getName() : namespace + "/" + resource.getMetadata().getName();
    }
}
