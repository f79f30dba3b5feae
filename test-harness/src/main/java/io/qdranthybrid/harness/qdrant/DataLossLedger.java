package io.qdranthybrid.harness.qdrant;

import io.qdranthybrid.harness.qdrant.DataLossViolation.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Records each data-safety violation once, when it first appears. Guarded by the registry's lock. */
final class DataLossLedger {

    private static final Logger LOG = LoggerFactory.getLogger(DataLossLedger.class);

    private final ClusterKey cluster;
    private final List<DataLossViolation> recorded = new ArrayList<>();
    private final Set<String> open = new HashSet<>();

    DataLossLedger(ClusterKey cluster) {
        this.cluster = cluster;
    }

    /**
     * Compares one shard against its invariants after {@code cause}.
     *
     * @param replicasWithData replicas whose data still exists (any state but Partial)
     * @param bestActivePoints points on the fullest Active replica whose data exists, 0 without one
     */
    void check(String cause, String collection, CollectionState.Shard shard, int replicasWithData, long bestActivePoints) {
        evaluate(cause, collection, shard.id(), Kind.LAST_REPLICA_LOST, shard.everHeld() && replicasWithData == 0,
                "no peer holds a replica of the shard any more");
        evaluate(cause, collection, shard.id(), Kind.POINTS_LOST, bestActivePoints < shard.writtenPoints(),
                "best active replica holds " + bestActivePoints + " of " + shard.writtenPoints() + " written points");
    }

    /** The collection was deleted on purpose: its shards no longer count. */
    void forget(String collection) {
        open.removeIf(key -> key.startsWith(collection + "\u0000"));
    }

    List<DataLossViolation> violations() {
        return List.copyOf(recorded);
    }

    private void evaluate(String cause, String collection, int shardId, Kind kind, boolean violated, String detail) {
        String key = collection + "\u0000" + shardId + "\u0000" + kind;
        if (!violated) {
            open.remove(key);
            return;
        }
        if (open.add(key)) {
            DataLossViolation violation = new DataLossViolation(cluster, collection, shardId, kind, Instant.now(), cause, detail);
            recorded.add(violation);
            LOG.error("Data-safety invariant broken: {}", violation);
        }
    }
}
