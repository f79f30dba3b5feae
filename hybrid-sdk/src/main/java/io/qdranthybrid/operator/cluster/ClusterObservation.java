package io.qdranthybrid.operator.cluster;

import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantVersion;
import io.qdranthybrid.qdrant.CollectionPlacement;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the operator sees of one cluster at the start of a reconcile: the resource, the Kubernetes objects
 * it owns, and what the Qdrant nodes say about consensus and shards. {@link ClusterLifecycle} decides from
 * this alone, so the decision is the same whichever event woke the operator.
 *
 * @param cluster          the QdrantCluster
 * @param statefulSet      the StatefulSet, if it exists
 * @param nodes            one entry per existing pod
 * @param databaseClaims   database PVCs by ordinal, including those of nodes that no longer exist
 * @param consensus        what Qdrant reports, if any node answered
 * @param knownReleases    Qdrant versions known to exist (QdrantRelease objects)
 * @param storageExpandable whether the database StorageClass allows volume expansion, if known
 * @param snapshotClaims    snapshot PVCs by ordinal
 * @param podCreationErrors the StatefulSet controller's FailedCreate messages, read only while pods are missing
 */
public record ClusterObservation(
        QdrantCluster cluster,
        Optional<StatefulSetObservation> statefulSet,
        List<NodeObservation> nodes,
        Map<Integer, ClaimObservation> databaseClaims,
        Optional<ConsensusObservation> consensus,
        List<QdrantVersion> knownReleases,
        Optional<Boolean> storageExpandable,
        Map<Integer, ClaimObservation> snapshotClaims,
        List<String> podCreationErrors) {

    public ClusterObservation {
        Objects.requireNonNull(cluster, "cluster");
        nodes = List.copyOf(nodes);
        databaseClaims = Map.copyOf(databaseClaims);
        knownReleases = List.copyOf(knownReleases);
        snapshotClaims = Map.copyOf(snapshotClaims);
        podCreationErrors = List.copyOf(podCreationErrors);
    }

    /** Every node's pod Ready and the node in consensus: /readyz alone stays true on a node cut off from its peers. */
    public boolean allNodesUp() {
        return nodes.size() == cluster.getSpec().getSize() && nodes.stream().allMatch(NodeObservation::up);
    }

    /** Pods Ready and not going away. */
    public int readyNodes() {
        return (int) nodes.stream().filter(n -> n.ready() && !n.terminating()).count();
    }

    /** Without snapshot volumes or pod creation errors, e.g. in tests. */
    public ClusterObservation(QdrantCluster cluster, Optional<StatefulSetObservation> statefulSet,
                              List<NodeObservation> nodes, Map<Integer, ClaimObservation> databaseClaims,
                              Optional<ConsensusObservation> consensus, List<QdrantVersion> knownReleases,
                              Optional<Boolean> storageExpandable) {
        this(cluster, statefulSet, nodes, databaseClaims, consensus, knownReleases, storageExpandable, Map.of(),
                List.of());
    }

    /**
     * @param replicas        spec.replicas
     * @param settled         the StatefulSet controller has seen the latest spec (observedGeneration == generation)
     * @param updateRevision  the revision of the current pod template
     * @param claimTemplateStorage storage requested by the database volume claim template
     * @param podTemplate     the live pod template as JSON, to tell whether this reconcile changes it; null if unknown
     */
    public record StatefulSetObservation(int replicas, boolean settled, String updateRevision,
                                         String claimTemplateStorage, com.fasterxml.jackson.databind.JsonNode podTemplate) {

        public StatefulSetObservation(int replicas, boolean settled, String updateRevision, String claimTemplateStorage) {
            this(replicas, settled, updateRevision, claimTemplateStorage, null);
        }
    }

    /**
     * @param ordinal           the pod's StatefulSet ordinal
     * @param podName           the pod's name
     * @param revision          the pod's controller-revision-hash
     * @param ready             the pod is Ready
     * @param terminating       the pod is being deleted
     * @param recreateRequested the pod carries the recreate-node annotation
     * @param peerId            the Qdrant peer id the node reports, if it answered
     * @param restartCount      container restarts
     * @param phase             pod phase
     * @param message           why the pod is not ready, if known (waiting reason, scheduling message)
     * @param readySince        when the pod last became Ready (its Ready condition's transition), null if unknown
     * @param inConsensus       the node answered and sees a raft leader. Qdrant's {@code /readyz} latches (a node cut
     *                          off from its peers stays Ready), so the operator judges a node from consensus itself
     * @param trouble           why the pod does not serve as the scheduler and kubelet report it, null when nothing
     */
    public record NodeObservation(int ordinal, String podName, String revision, boolean ready, boolean terminating,
                                  boolean recreateRequested, Long peerId, int restartCount, String phase,
                                  String message, Instant readySince, boolean inConsensus, PodTrouble trouble) {

        public NodeObservation(int ordinal, String podName, String revision, boolean ready, boolean terminating,
                               boolean recreateRequested, Long peerId, int restartCount, String phase, String message,
                               Instant readySince, boolean inConsensus) {
            this(ordinal, podName, revision, ready, terminating, recreateRequested, peerId, restartCount, phase, message,
                    readySince, inConsensus, null);
        }

        /** A node whose readiness time is unknown, e.g. in tests: a ready one counts as ready for long. */
        public NodeObservation(int ordinal, String podName, String revision, boolean ready, boolean terminating,
                               boolean recreateRequested, Long peerId, int restartCount, String phase, String message) {
            this(ordinal, podName, revision, ready, terminating, recreateRequested, peerId, restartCount, phase, message,
                    null, ready);
        }

        /** Up for the operator's purposes: the pod is Ready, not going away, and its node in consensus. */
        public boolean up() {
            return ready && inConsensus && !terminating;
        }
    }

    /**
     * @param name        the PVC's name
     * @param requested   spec.resources.requests.storage
     * @param capacity    status.capacity.storage, if bound
     * @param removedPeer the peer whose data this volume held was removed from consensus (the volume is stale)
     * @param storageClass the claim's StorageClass, null if unknown
     * @param expandable  whether that class allows volume expansion; null when unknown or not looked up (it is only
     *                    looked up while the claim is smaller than the spec asks)
     * @param resize      how far a resize has come, from the claim's conditions
     * @param resizeMessage the message of the condition that says so, null if none
     */
    public record ClaimObservation(String name, String requested, String capacity, boolean removedPeer,
                                   String storageClass, Boolean expandable, Resize resize, String resizeMessage) {

        public ClaimObservation {
            resize = resize == null ? Resize.NONE : resize;
        }

        public ClaimObservation(String name, String requested, String capacity, boolean removedPeer,
                                String storageClass, Boolean expandable) {
            this(name, requested, capacity, removedPeer, storageClass, expandable, Resize.NONE, null);
        }

        public ClaimObservation(String name, String requested, String capacity, boolean removedPeer) {
            this(name, requested, capacity, removedPeer, null, null);
        }

        /** The volume itself has grown; what is left, if anything, is the file system, done when a pod mounts it. */
        public boolean volumeGrown() {
            return resize == Resize.FILE_SYSTEM_PENDING;
        }
    }

    /**
     * A PVC's resize conditions (core/v1 PersistentVolumeClaimConditionType): {@code Resizing} while the
     * external-resizer works, {@code ControllerResizeError} when the CSI driver refused (e.g. an offline-only driver
     * asked to grow a volume in use), {@code FileSystemResizePending} once the volume has grown and the kubelet is to
     * grow the file system when a pod mounts it.
     */
    public enum Resize {
        NONE, RESIZING, CONTROLLER_ERROR, FILE_SYSTEM_PENDING;

        /** The most telling of a claim's condition types: an error over progress. */
        public static Resize of(java.util.Collection<String> conditionTypes) {
            if (conditionTypes.contains("ControllerResizeError")) {
                return CONTROLLER_ERROR;
            }
            if (conditionTypes.contains("FileSystemResizePending")) {
                return FILE_SYSTEM_PENDING;
            }
            return conditionTypes.contains("Resizing") ? RESIZING : NONE;
        }
    }

    /**
     * @param peers      peer ids in consensus, as the answering node sees them
     * @param settled    a known leader that every answering node agrees on, and no pending raft operations
     * @param placements shard placement of every collection
     * @param pendingOperations changes proposed to consensus and not applied yet: a change whose answer was lost
     *                   may still be among them, so nothing new is planned until they are applied
     */
    public record ConsensusObservation(java.util.Set<Long> peers, boolean settled, List<CollectionPlacement> placements,
                                       long pendingOperations) {
        public ConsensusObservation {
            peers = java.util.Set.copyOf(peers);
            placements = List.copyOf(placements);
        }

        public ConsensusObservation(java.util.Set<Long> peers, boolean settled, List<CollectionPlacement> placements) {
            this(peers, settled, placements, 0);
        }

        public boolean anyCollectionReplicated() {
            return placements.stream().anyMatch(CollectionPlacement::replicated);
        }
    }
}
