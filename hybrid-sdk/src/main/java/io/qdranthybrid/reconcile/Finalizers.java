package io.qdranthybrid.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finalizers: a primary being reconciled first gets the controller's finalizer, so that Kubernetes waits for the
 * reconciler's clean-up when it is deleted; once the clean-up is done, the finalizer is removed and the deletion
 * completes. Without a finalizer, a deleted primary needs nothing.
 */
final class Finalizers<R extends HasMetadata> {

    private static final Logger LOG = LoggerFactory.getLogger(Finalizers.class);

    private final String controller;
    private final String primaryKind;
    private final KubernetesClient client;
    private final Reconciler<R> reconciler;
    /** Null: the controller uses none. */
    private final String finalizer;

    Finalizers(String controller, String primaryKind, KubernetesClient client, Reconciler<R> reconciler, String finalizer) {
        this.controller = controller;
        this.primaryKind = primaryKind;
        this.client = client;
        this.reconciler = reconciler;
        this.finalizer = finalizer;
    }

    /** Reconciles a live primary (adding the finalizer first) or cleans up a deleted one (then removing it). */
    ReconcileResult reconcileOrCleanUp(R resource) throws Exception {
        boolean deleting = resource.getMetadata().getDeletionTimestamp() != null;
        if (finalizer == null) {
            return deleting ? ReconcileResult.done() : reconciler.reconcile(resource);
        }
        boolean finalized = resource.getMetadata().getFinalizers() != null
                && resource.getMetadata().getFinalizers().contains(finalizer);
        if (deleting) {
            if (!finalized) {
                return ReconcileResult.done();
            }
            ReconcileResult result = reconciler.cleanup(resource);
            if (result instanceof ReconcileResult.Done) {
                remove(resource);
            }
            return result;
        }
        return reconciler.reconcile(finalized ? resource : add(resource));
    }

    private R add(R resource) {
        List<String> finalizers = new ArrayList<>(Optional.ofNullable(resource.getMetadata().getFinalizers()).orElse(List.of()));
        finalizers.add(finalizer);
        resource.getMetadata().setFinalizers(finalizers);
        R updated = client.resource(resource).update();
        LOG.info("Controller {}: added finalizer {} to {} {}", controller, finalizer, primaryKind, ResourceKey.of(resource));
        return updated;
    }

    private void remove(R resource) {
        List<String> finalizers = new ArrayList<>(resource.getMetadata().getFinalizers());
        finalizers.remove(finalizer);
        resource.getMetadata().setFinalizers(finalizers);
        try {
            client.resource(resource).update();
            LOG.info("Controller {}: cleaned up {} {}, removed finalizer {}", controller, primaryKind,
                    ResourceKey.of(resource), finalizer);
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                throw e;
            }
        }
    }
}
