package io.qdranthybrid.benchmarks.endtoend;

import io.fabric8.kubernetes.api.model.Pod;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantApi;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.harness.controlplane.ClusterView;
import io.qdranthybrid.harness.controlplane.SimulatedControlPlane;
import io.qdranthybrid.harness.qdrant.SimulatedQdrantCluster;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Watches clusters after one request each until the control plane reports them done, and records two times per
 * cluster from its request: when the control plane showed it done, and the simulated cluster's own floor (the
 * expected number of pods ready, none of them a pod that existed before the request when the request replaces pods,
 * and consensus with one peer per node, a leader and nothing pending).
 */
final class Stopwatches {

    private static final Duration POLL = Duration.ofMillis(50);

    /** What "done" means for one kind of request. */
    record Expectation(int nodes, boolean replacesPods) {
    }

    /** Seconds from the request to the floor and to the control plane showing it done, per cluster. */
    record Times(Map<String, Double> floor, Map<String, Double> controlPlane) {
    }

    private final SimulatedControlPlane controlPlane;
    private final SimulatedCluster cluster;
    private final String environmentId;
    private final String namespace;

    Stopwatches(SimulatedControlPlane controlPlane, SimulatedCluster cluster, String environmentId, String namespace) {
        this.controlPlane = controlPlane;
        this.cluster = cluster;
        this.environmentId = environmentId;
        this.namespace = namespace;
    }

    /** The uids of the cluster's pods now: those a replacing request must not count as done. */
    Set<String> podUids(String clusterId) {
        return pods(clusterId).stream().map(p -> p.getMetadata().getUid()).collect(Collectors.toSet());
    }

    /**
     * @param requestNanos when each cluster's request was sent ({@link System#nanoTime()})
     * @param before       per cluster, the pod uids before the request (empty for a new cluster)
     * @throws IllegalStateException when not all are done within {@code timeout}
     */
    Times await(Map<String, Long> requestNanos, Map<String, Set<String>> before, Expectation expected,
                Duration timeout) throws InterruptedException {
        Map<String, Double> floor = new HashMap<>();
        Map<String, Double> done = new HashMap<>();
        Set<String> leftHealthy = new java.util.HashSet<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (done.size() < requestNanos.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(done.size() + " of " + requestNanos.size()
                        + " clusters done in the control plane after " + timeout.toSeconds() + " s (" + floor.size()
                        + " at the floor)");
            }
            Map<String, ClusterView> views = controlPlane.clusters().list(environmentId).stream()
                    .collect(Collectors.toMap(ClusterView::id, v -> v, (a, b) -> a));
            Map<String, List<Pod>> podsByCluster = cluster.client().pods().inNamespace(namespace).list().getItems().stream()
                    .filter(p -> p.getMetadata().getLabels() != null
                            && p.getMetadata().getLabels().containsKey(QdrantApi.Labels.CLUSTER_ID))
                    .collect(Collectors.groupingBy(p -> p.getMetadata().getLabels().get(QdrantApi.Labels.CLUSTER_ID)));
            long now = System.nanoTime();
            for (Map.Entry<String, Long> request : requestNanos.entrySet()) {
                String id = request.getKey();
                double seconds = (now - request.getValue()) / 1e9;
                if (!floor.containsKey(id) && atFloor(id, podsByCluster.getOrDefault(id, List.of()),
                        before.getOrDefault(id, Set.of()), expected)) {
                    floor.put(id, seconds);
                }
                ClusterView view = views.get(id);
                if (view == null || done.containsKey(id)) {
                    continue;
                }
                boolean healthy = view.phase().equals(ClusterPhase.HEALTHY.wireValue());
                if (!healthy) {
                    leftHealthy.add(id);
                }
                // A replacing request may be reported Healthy before the operator started on it: it counts once the
                // control plane has shown it leave Healthy, or once the floor shows the work was done.
                boolean started = !expected.replacesPods() || leftHealthy.contains(id) || floor.containsKey(id);
                if (healthy && started && view.reportedRevision() >= view.desiredRevision()
                        && view.nodesReady() == expected.nodes()) {
                    done.put(id, seconds);
                }
            }
            Thread.sleep(POLL.toMillis()); // the observer's polling interval, not synchronisation with the product
        }
        return new Times(floor, done);
    }

    private boolean atFloor(String clusterId, List<Pod> pods, Set<String> before, Expectation expected) {
        List<Pod> ready = pods.stream().filter(Stopwatches::ready)
                .filter(p -> !expected.replacesPods() || !before.contains(p.getMetadata().getUid())).toList();
        if (ready.size() != expected.nodes() || ready.size() != pods.size()) {
            return false;
        }
        Optional<SimulatedQdrantCluster> qdrant = cluster.qdrant().findCluster(namespace, clusterId);
        return qdrant.isPresent() && qdrant.get().peerIds().size() == expected.nodes() && qdrant.get().leader() != 0
                && qdrant.get().pendingOperations() == 0;
    }

    private List<Pod> pods(String clusterId) {
        return cluster.client().pods().inNamespace(namespace).withLabel(QdrantApi.Labels.CLUSTER_ID, clusterId).list()
                .getItems();
    }

    private static boolean ready(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
                && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
