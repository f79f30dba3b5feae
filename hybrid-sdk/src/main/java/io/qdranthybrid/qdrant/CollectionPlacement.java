package io.qdranthybrid.qdrant;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where every replica of a collection lives, merged from one node's local and remote shard lists
 * ({@code GET /collections/{name}/cluster}).
 */
public record CollectionPlacement(String collection, int shardCount, List<ShardReplica> replicas,
                                  List<ShardTransfer> transfers) {

    public CollectionPlacement {
        replicas = List.copyOf(replicas);
        transfers = List.copyOf(transfers);
    }

    /** Replicas grouped by shard id, in shard order. */
    public Map<Integer, List<ShardReplica>> byShard() {
        return replicas.stream().collect(Collectors.groupingBy(ShardReplica::shardId, TreeMap::new, Collectors.toList()));
    }

    /** Replicas held by one peer. */
    public List<ShardReplica> on(long peerId) {
        return replicas.stream().filter(r -> r.peerId() == peerId).toList();
    }

    /** True when some shard has a replication factor above one, i.e. a node can restart without downtime. */
    public boolean replicated() {
        return byShard().values().stream().anyMatch(list -> list.size() > 1);
    }
}
