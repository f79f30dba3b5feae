package io.qdranthybrid.e2e;

import io.qdranthybrid.harness.qdrant.ReplicaState;
import io.qdranthybrid.harness.qdrant.ShardPlacement;
import io.qdranthybrid.harness.qdrant.SimulatedQdrantCluster;

import java.util.Set;
import java.util.TreeSet;

/** Which shards of a collection could not serve a request right now: no replica is Active on a reachable peer. */
final class LiveReplicas {

    private LiveReplicas() {
    }

    static Set<Integer> shardsWithoutOne(SimulatedQdrantCluster cluster, String collection) {
        Set<Integer> unserved = new TreeSet<>();
        for (ShardPlacement shard : cluster.placement(collection).shards()) {
            // placement() shows a replica on an unreachable peer as Dead, as the other peers see it.
            if (shard.peersIn(ReplicaState.Active).isEmpty()) {
                unserved.add(shard.shardId());
            }
        }
        return unserved;
    }

    /** Points of the collection counted once per shard, on its fullest replica. */
    static long points(SimulatedQdrantCluster cluster, String collection) {
        return cluster.placement(collection).shards().stream()
                .mapToLong(shard -> shard.replicas().stream().mapToLong(ShardPlacement.ReplicaPlacement::points)
                        .max().orElse(0))
                .sum();
    }
}
