package io.qdranthybrid.operator.cluster;

import java.util.List;

/** A side effect the reconciler performs for a plan, besides applying the desired objects. */
public sealed interface PlannedAction {

    /** Ask Qdrant to move, replicate or drop shard replicas. */
    record RunShardActions(List<ShardAction> actions) implements PlannedAction {
        public RunShardActions {
            actions = List.copyOf(actions);
        }
    }

    /** Remove a drained peer from consensus (never forced). */
    record RemovePeer(long peerId, int ordinal) implements PlannedAction {
    }

    /** Mark a node's volumes as holding a removed peer, so a later scale-up starts that node fresh. */
    record MarkClaimsOfRemovedPeer(int ordinal, long peerId) implements PlannedAction {
    }

    /** Delete a node's volumes: they hold a removed peer, and the node is about to start again. */
    record DeleteClaims(int ordinal) implements PlannedAction {
    }

    /** Delete a pod so the StatefulSet recreates it with the current template. */
    record DeletePod(String podName) implements PlannedAction {
    }

    /** Grow a PVC in place. */
    record ResizeClaim(String claimName, String size) implements PlannedAction {
    }

    /**
     * Delete the StatefulSet but not its pods, because its volume claim templates cannot be changed in place;
     * the next reconcile recreates it and it adopts the pods.
     */
    record OrphanStatefulSet() implements PlannedAction {
    }

    /** Suspend: delete everything the cluster owns except its volumes. */
    record DeleteOwnedObjects() implements PlannedAction {
    }
}
