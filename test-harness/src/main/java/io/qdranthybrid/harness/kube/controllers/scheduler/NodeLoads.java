package io.qdranthybrid.harness.kube.controllers.scheduler;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What each node carries, kept from pod events as kube-scheduler's cache keeps it, so that a decision reads one
 * total per node instead of walking and adding up every pod placed there (n pods cost n² additions before).
 * A pod bound by the scheduler counts from the moment it is bound ("assumed"), before its event arrives.
 */
final class NodeLoads {

    private record Placement(String node, NodeFit.Resources requests) {
    }

    private final Map<String, Placement> placements = new HashMap<>();
    private final Map<String, NodeFit.NodeLoad> loads = new HashMap<>();

    /**
     * The pod occupies the node. Its requests are read once per placement: a pod's resources are immutable
     * (no in-place resize in the simulated cluster), so a later event of the same pod on the same node is a no-op.
     */
    synchronized void place(String podKey, String node, Supplier<NodeFit.Resources> requests) {
        Placement existing = placements.get(podKey);
        if (existing != null && existing.node().equals(node)) {
            return;
        }
        remove(podKey);
        Placement placement = new Placement(node, requests.get());
        placements.put(podKey, placement);
        loads.merge(node, NodeFit.NodeLoad.EMPTY.plus(placement.requests()), NodeFit.NodeLoad::add);
    }

    /** The pod occupies nothing (deleted, finished, or a bind that failed). */
    synchronized void remove(String podKey) {
        Placement gone = placements.remove(podKey);
        if (gone != null) {
            loads.computeIfPresent(gone.node(), (node, load) -> {
                NodeFit.NodeLoad rest = load.minus(gone.requests());
                return rest.pods() == 0 ? null : rest;
            });
        }
    }

    synchronized NodeFit.NodeLoad of(String node) {
        return loads.getOrDefault(node, NodeFit.NodeLoad.EMPTY);
    }
}
