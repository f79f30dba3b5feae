package io.qdranthybrid.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.HttpURLConnection;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Writes status through the status subresource, only when a mutation actually changes it. The mutation is a
 * function, not a finished object, so that on a 409 conflict it can be re-applied to a freshly read copy.
 */
public final class StatusUpdater {

    private static final Logger LOG = LoggerFactory.getLogger(StatusUpdater.class);

    private final KubernetesClient client;
    private final KubernetesSerialization serialization;
    private final int maxAttempts;
    private final StatusWrites writes = new StatusWrites(java.time.Clock.systemUTC());

    public StatusUpdater(KubernetesClient client) {
        this(client, 5);
    }

    public StatusUpdater(KubernetesClient client, int maxAttempts) {
        this.client = Objects.requireNonNull(client, "client");
        this.serialization = client.getKubernetesSerialization();
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
    }

    /** The versions this updater's writes produced, for {@link Controller.Builder#readsOwnStatusWrites}. */
    public StatusWrites writes() {
        return writes;
    }

    /**
     * Applies {@code mutation} to a copy of {@code current} and writes the status if it changed; {@code current} is
     * not modified. On conflict re-reads the object and re-applies the mutation, up to the attempt limit.
     *
     * @throws StatusConflictException when every attempt conflicted
     * @throws KubernetesClientException for other API errors, or 404 when the object is gone
     */
    public <T extends HasMetadata> ApplyOutcome updateStatus(T current, Consumer<? super T> mutation) {
        T base = current;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            T changed = serialization.clone(base);
            mutation.accept(changed);
            if (status(changed).equals(status(base))) {
                return ApplyOutcome.UNCHANGED;
            }
            try {
                writes.wrote(client.resource(changed).updateStatus());
                return ApplyOutcome.UPDATED;
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
                LOG.debug("Status of {} {} conflicted (attempt {}/{}), re-reading", base.getKind(),
                        ResourceApplier.describe(base), attempt, maxAttempts);
                base = client.resource(base).get();
                if (base == null) {
                    throw new KubernetesClientException("cannot write status of " + current.getKind() + " "
                            + ResourceApplier.describe(current) + ": it no longer exists", HttpURLConnection.HTTP_NOT_FOUND, null);
                }
            }
        }
        throw new StatusConflictException("status of " + current.getKind() + " " + ResourceApplier.describe(current)
                + " conflicted with concurrent writers " + maxAttempts + " times in a row; retry the reconcile");
    }

    private JsonNode status(HasMetadata resource) {
        JsonNode status = serialization.convertValue(resource, JsonNode.class).get("status");
        return status == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : status;
    }
}
