package io.qdranthybrid.operator.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdranthybrid.crd.QdrantClusterStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Paces status writes that only mirror what the nodes are doing or reword the progress. While a cluster starts, each
 * pod goes Pending, Running, Ready in turn, and writing each of those steps cost one status write per step (about
 * ten per new cluster). What machines act on still goes out at once: the phase, each condition's status and reason,
 * the version, the generation, the nodes being deleted. A change confined to the node mirror (per-node status, node
 * counts and indexes, the AcceptingConnection condition derived from them) or to human-readable text (the status
 * reason, condition messages) waits until {@code interval} has passed since the cluster's last status write, and
 * then goes out with whatever changed meanwhile. Like the kubelet's status reports, it may be a few seconds old; it
 * is never lost, because the reconcile is requeued for the moment the write is due.
 *
 * <p>What it remembers (the time of each cluster's last write) is only an optimisation: an operator that restarts
 * forgets it and writes at once.
 */
public final class StatusPacing {

    /** Status fields that mirror the nodes' state or describe progress in words, and may lag by up to the interval. */
    private static final String[] PACED = {"nodes", "availableNodes", "availableNodeIndexes", "currentNodes", "reason"};
    /** Pruning keeps the memory of deleted clusters from growing without bound. */
    private static final int PRUNE_ABOVE = 1_024;

    private final ObjectMapper json = new ObjectMapper();
    private final Duration interval;
    private final Clock clock;
    private final Map<String, Instant> lastWrite = new ConcurrentHashMap<>();

    /** @param interval zero writes every change at once */
    public StatusPacing(Duration interval, Clock clock) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("status pacing interval must not be negative, got " + interval);
        }
        this.interval = interval;
        this.clock = clock;
    }

    /**
     * @param cluster a key of the cluster, e.g. namespace/name
     * @return how long to hold the write of {@code next} back, or empty to write it now
     */
    public Optional<Duration> holdBack(String cluster, QdrantClusterStatus current, QdrantClusterStatus next) {
        Instant last = lastWrite.get(cluster);
        if (last == null || interval.isZero() || !onlyPacedFieldsDiffer(current, next)) {
            return Optional.empty();
        }
        Duration due = Duration.between(clock.instant(), last.plus(interval));
        return due.isNegative() || due.isZero() ? Optional.empty() : Optional.of(due);
    }

    /** Records that the cluster's status was just written. */
    public void written(String cluster) {
        Instant now = clock.instant();
        lastWrite.put(cluster, now);
        if (lastWrite.size() > PRUNE_ABOVE) {
            lastWrite.values().removeIf(at -> at.plus(interval).isBefore(now));
        }
    }

    public void forget(String cluster) {
        lastWrite.remove(cluster);
    }

    /** Whether the two statuses differ, if at all, only in fields that may lag. */
    boolean onlyPacedFieldsDiffer(QdrantClusterStatus current, QdrantClusterStatus next) {
        if (current == null || next == null) {
            return current == next;
        }
        return withoutPacedFields(current).equals(withoutPacedFields(next));
    }

    private JsonNode withoutPacedFields(QdrantClusterStatus status) {
        ObjectNode tree = json.valueToTree(status);
        for (String field : PACED) {
            tree.remove(field);
        }
        JsonNode conditions = tree.get("conditions");
        if (conditions instanceof ArrayNode list) {
            ArrayNode kept = json.createArrayNode();
            list.forEach(c -> {
                if (!ClusterLifecycle.CONDITION_ACCEPTING_CONNECTION.equals(c.path("type").asText())) {
                    kept.add(((ObjectNode) c.deepCopy()).without("message"));
                }
            });
            tree.set("conditions", kept);
        }
        return tree;
    }
}
