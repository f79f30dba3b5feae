package io.qdranthybrid.operator.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterStatus;
import io.qdranthybrid.qdrant.QdrantApiException;
import io.qdranthybrid.qdrant.QdrantClient;
import io.qdranthybrid.reconcile.EventRecorder;
import io.qdranthybrid.reconcile.ReconcileResult;
import io.qdranthybrid.reconcile.Reconciler;
import io.qdranthybrid.reconcile.ResourceKey;
import io.qdranthybrid.reconcile.StatusUpdater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reconciles one QdrantCluster: observe the world, let {@link ClusterLifecycle} decide, perform the plan, and
 * write the status only when it changed. Deleting the cluster needs nothing here: what it owns carries an
 * owner reference and is garbage-collected, except the volumes, which outlive it by design.
 */
public final class QdrantClusterReconciler implements Reconciler<QdrantCluster> {

    private static final Logger LOG = LoggerFactory.getLogger(QdrantClusterReconciler.class);

    private final ClusterObserver observer;
    private final ClusterLifecycle lifecycle;
    private final PlanExecutor executor;
    private final StatusUpdater statusUpdater;
    private final EventRecorder events;
    private final QdrantAccess qdrant;
    private final StatusPacing pacing;

    public QdrantClusterReconciler(ClusterReads reads, QdrantAccess qdrant, ClusterLifecycle lifecycle,
                                   PlanExecutor executor, StatusUpdater statusUpdater, EventRecorder events,
                                   StatusPacing pacing) {
        this.pacing = pacing;
        this.lifecycle = lifecycle;
        this.executor = executor;
        this.statusUpdater = statusUpdater;
        this.events = events;
        this.qdrant = qdrant;
        this.observer = new ClusterObserver(reads, qdrant);
    }

    @Override
    public ReconcileResult reconcile(QdrantCluster cluster) {
        if (cluster.getMetadata().getDeletionTimestamp() != null) {
            pacing.forget(key(cluster));
            return ReconcileResult.done();
        }
        String namespace = cluster.getMetadata().getNamespace();
        ClusterNames names = new ClusterNames(cluster.getSpec().getId());
        ClusterObservation world = observer.observe(cluster);
        ClusterPlan plan = lifecycle.plan(world);

        List<String> changed;
        try {
            changed = executor.execute(plan, namespace, names, () -> nodeInConsensus(world));
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_FORBIDDEN) {
                reportForbidden(cluster, plan.status(), e);
            }
            throw e; // the controller retries with backoff: a Role fixed later is picked up without a restart
        } catch (QdrantApiException e) {
            if (!e.outcomeUnknown()) {
                throw e;
            }
            // The change may still land (Qdrant gave up waiting for the commit, or the answer was lost): not a
            // failure, so no error backoff; read the cluster again soon and decide from what it then shows.
            LOG.info("{}/{}: outcome of a Qdrant change unknown, reading the cluster again: {}", namespace, names.id(),
                    e.getMessage());
            writeStatus(cluster, plan);
            return ReconcileResult.requeueAfter(ClusterLifecycle.IN_PROGRESS);
        }
        if (!changed.isEmpty()) {
            LOG.info("{}/{}: applied {}", namespace, names.id(), changed);
        }
        Optional<Duration> heldBack = writeStatus(cluster, plan);
        Optional<Duration> next = plan.requeueAfter();
        if (heldBack.isPresent() && (next.isEmpty() || heldBack.get().compareTo(next.get()) < 0)) {
            next = heldBack;
        }
        return next.map(ReconcileResult::requeueAfter).orElse(ReconcileResult.done());
    }

    /**
     * A request refused by RBAC is a setup problem only the user can fix: say so in the status (the reason names the
     * refused request, as the API server's message does) and once as a Warning event.
     */
    private void reportForbidden(QdrantCluster cluster, QdrantClusterStatus planned, KubernetesClientException e) {
        String refused = e.getStatus() != null && e.getStatus().getMessage() != null
                ? e.getStatus().getMessage() : e.getMessage();
        String reason = "the operator is not allowed to apply this cluster (check the operator's Role): " + refused;
        LOG.warn("{}/{}: {}", cluster.getMetadata().getNamespace(), cluster.getSpec().getId(), reason);
        if (cluster.getStatus() != null && reason.equals(cluster.getStatus().getReason())) {
            return;
        }
        planned.setReason(reason);
        statusUpdater.updateStatus(cluster, latest -> latest.setStatus(planned));
        events.warning(cluster, "Forbidden", reason);
    }

    /**
     * Writes the status if it changed, with one Warning Event per problem it shows for the first time (so a problem
     * that lasts costs no write), and a Normal or Warning Event per phase change.
     *
     * @return how long a write of the node mirror was held back, if it was
     */
    private Optional<Duration> writeStatus(QdrantCluster cluster, ClusterPlan plan) {
        QdrantClusterStatus status = plan.status();
        ClusterPhase before = cluster.getStatus() == null ? null : cluster.getStatus().getPhase();
        if (Objects.equals(cluster.getStatus(), status)) {
            return Optional.empty();
        }
        Optional<Duration> holdBack = pacing.holdBack(key(cluster), cluster.getStatus(), status);
        if (holdBack.isPresent()) {
            return holdBack;
        }
        List<Problem> appeared = plan.newProblems(cluster.getStatus());
        statusUpdater.updateStatus(cluster, latest -> latest.setStatus(status));
        pacing.written(key(cluster));
        for (Problem problem : appeared) {
            LOG.warn("{}/{}: {}", cluster.getMetadata().getNamespace(), cluster.getSpec().getId(), problem.line());
            events.warning(cluster, problem.reason(), problem.line());
        }
        if (before != status.getPhase()) {
            String message = (before == null ? "" : before.wireValue() + " -> ") + status.getPhase().wireValue()
                    + (status.getReason() == null || status.getReason().isEmpty() ? "" : ": " + status.getReason());
            LOG.info("{}/{}: {}", cluster.getMetadata().getNamespace(), cluster.getSpec().getId(), message);
            boolean failed = status.getPhase().wireValue().startsWith("FailedTo");
            if (failed) {
                events.warning(cluster, status.getPhase().wireValue(), message);
            } else {
                events.normal(cluster, status.getPhase().wireValue(), message);
            }
        }
        return Optional.empty();
    }

    @Override
    public void forget(ResourceKey key) {
        pacing.forget(key.namespace() + "/" + key.name());
        observer.forget(key.namespace(), key.name());
        lifecycle.forget(key.namespace(), key.name());
        executor.forget(key.namespace(), key.name());
    }

    private static String key(QdrantCluster cluster) {
        return cluster.getMetadata().getNamespace() + "/" + cluster.getMetadata().getName();
    }

    /** A node to send changes to: Ready and seeing a leader (a node cut off from its peers stays Ready). */
    private Optional<QdrantClient> nodeInConsensus(ClusterObservation world) {
        return world.nodes().stream().filter(n -> n.up() && n.peerId() != null).findFirst()
                .map(n -> qdrant.node(world.cluster(), n.ordinal()));
    }
}
