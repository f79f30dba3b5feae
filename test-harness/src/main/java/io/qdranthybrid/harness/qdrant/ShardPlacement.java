package io.qdranthybrid.harness.qdrant;

import java.util.List;

/**
 * Where one shard's replicas live, as the harness reads it.
 *
 * @param shardId       the shard
 * @param writtenPoints points acknowledged as written to this shard
 * @param replicas      every replica in consensus, with the state other peers see
 */
public record ShardPlacement(int shardId, long writtenPoints, List<ReplicaPlacement> replicas) {

    public ShardPlacement {
        replicas = List.copyOf(replicas);
    }

    /** One replica: its peer, the pod serving that peer (empty when none ever did), state and points. */
    public record ReplicaPlacement(long peerId, String podName, ReplicaState state, long points) { }

    public List<Long> peersIn(ReplicaState state) {
        return replicas.stream().filter(r -> r.state() == state).map(ReplicaPlacement::peerId).toList();
    }

    public List<Long> peers() {
        return replicas.stream().map(ReplicaPlacement::peerId).toList();
    }
}
