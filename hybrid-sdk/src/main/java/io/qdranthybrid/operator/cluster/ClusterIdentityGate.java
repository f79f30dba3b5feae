package io.qdranthybrid.operator.cluster;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterStatus;
import io.qdranthybrid.crd.validation.Violation;
import io.qdranthybrid.reconcile.Conditions;
import io.qdranthybrid.reconcile.EventRecorder;
import io.qdranthybrid.reconcile.ReconcileResult;
import io.qdranthybrid.reconcile.Reconciler;
import io.qdranthybrid.reconcile.ResourceKey;
import io.qdranthybrid.reconcile.StatusUpdater;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Refuses a QdrantCluster whose {@code metadata.name} is not {@code qdrant-<spec.id>}, before anything is observed or
 * created. Everything keyed by the id (the StatefulSet, pod and volume events, backups) assumes that name, and the
 * rule also makes ids unique per namespace: only the cluster named {@code qdrant-<id>} may own an id, so a second
 * cluster claiming it is refused here and never fights the first over one StatefulSet.
 */
public final class ClusterIdentityGate implements Reconciler<QdrantCluster> {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private final Reconciler<QdrantCluster> next;
    private final ClusterReads reads;
    private final StatusUpdater statusUpdater;
    private final EventRecorder events;
    private final Conditions conditions;

    public ClusterIdentityGate(Reconciler<QdrantCluster> next, ClusterReads reads, StatusUpdater statusUpdater,
                               EventRecorder events, Clock clock) {
        this.next = Objects.requireNonNull(next, "next");
        this.reads = reads;
        this.statusUpdater = statusUpdater;
        this.events = events;
        this.conditions = new Conditions(clock);
    }

    /** What is wrong with the cluster's identity; empty when its name is {@code qdrant-<spec.id>}. */
    public static List<Violation> violations(QdrantCluster cluster, boolean idOwnedByAnother) {
        String id = cluster.getSpec() == null ? null : cluster.getSpec().getId();
        if (id == null || id.isBlank()) {
            return List.of(); // the spec validator reports a missing id
        }
        String expected = new ClusterNames(id).statefulSet();
        String name = cluster.getMetadata().getName();
        if (expected.equals(name)) {
            return List.of();
        }
        List<Violation> violations = new ArrayList<>();
        violations.add(new Violation("metadata.name", "must be " + expected + " (qdrant-<spec.id>), got " + name));
        if (idOwnedByAnother) {
            violations.add(new Violation("spec.id", id + " is already used by QdrantCluster " + expected
                    + " in this namespace"));
        }
        return violations;
    }

    @Override
    public ReconcileResult cleanup(QdrantCluster cluster) throws Exception {
        return next.cleanup(cluster);
    }

    @Override
    public void forget(ResourceKey key) {
        next.forget(key);
    }

    @Override
    public ReconcileResult reconcile(QdrantCluster cluster) throws Exception {
        if (cluster.getMetadata().getDeletionTimestamp() != null) {
            return next.reconcile(cluster);
        }
        String id = cluster.getSpec() == null ? null : cluster.getSpec().getId();
        boolean idOwnedByAnother = id != null && !id.isBlank() && reads.current(QdrantCluster.class,
                cluster.getMetadata().getNamespace(), new ClusterNames(id).statefulSet()).isPresent();
        List<Violation> violations = violations(cluster, idOwnedByAnother);
        if (violations.isEmpty()) {
            return next.reconcile(cluster);
        }
        refuse(cluster, violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        return ReconcileResult.done(); // nothing changes until the user edits the cluster, which wakes us again
    }

    private void refuse(QdrantCluster cluster, String message) {
        QdrantClusterStatus before = cluster.getStatus();
        QdrantClusterStatus status = before == null ? new QdrantClusterStatus() : JSON.clone(before);
        long generation = cluster.getMetadata().getGeneration() == null ? 0 : cluster.getMetadata().getGeneration();
        boolean created = before != null && before.getPhase() != null && before.getPhase() != ClusterPhase.CREATING
                && before.getPhase() != ClusterPhase.FAILED_TO_CREATE;
        status.setPhase(created ? ClusterPhase.FAILED_TO_UPDATE : ClusterPhase.FAILED_TO_CREATE);
        status.setReason(message);
        status.setObservedGeneration(generation);
        if (status.getConditions() == null) {
            status.setConditions(new ArrayList<>());
        }
        conditions.set(status.getConditions(), ClusterLifecycle.CONDITION_VALID, Conditions.FALSE, "InvalidIdentity",
                message, generation);
        if (Objects.equals(before, status)) {
            return;
        }
        statusUpdater.updateStatus(cluster, latest -> latest.setStatus(status));
        if (before == null || before.getPhase() != status.getPhase()) {
            events.warning(cluster, status.getPhase().wireValue(), message);
        }
    }
}
