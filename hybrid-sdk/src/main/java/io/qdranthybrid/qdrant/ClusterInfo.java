package io.qdranthybrid.qdrant;

import java.util.Map;
import java.util.Optional;

/**
 * A node's view of consensus ({@code GET /cluster}).
 *
 * @param peerId   this node's peer id
 * @param peers    every peer of the consensus with its p2p URI, as the peer announced it
 * @param leader   the raft leader's peer id, if known
 * @param role     this node's raft role, e.g. Leader or Follower
 * @param pendingOperations raft operations not yet applied
 */
public record ClusterInfo(long peerId, Map<Long, String> peers, Long leader, String role, long pendingOperations) {

    public ClusterInfo {
        peers = Map.copyOf(peers);
    }

    public Optional<Long> leaderPeer() {
        return Optional.ofNullable(leader);
    }
}
