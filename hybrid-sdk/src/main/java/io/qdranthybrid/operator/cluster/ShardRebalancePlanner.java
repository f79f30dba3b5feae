package io.qdranthybrid.operator.cluster;

import io.qdranthybrid.crd.RebalanceStrategy;
import io.qdranthybrid.qdrant.CollectionPlacement;
import io.qdranthybrid.qdrant.ShardReplica;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans shard moves after a scale-up so new peers take their share, following {@code spec.rebalanceStrategy}:
 * by replica count, by points, or by count then points. One move per call per collection, because the
 * placement changes as moves complete; the operator calls it again each reconcile until it returns nothing.
 */
public final class ShardRebalancePlanner {

    private ShardRebalancePlanner() {
    }

    public static List<ShardAction> plan(Collection<CollectionPlacement> placements, Set<Long> peers,
                                         RebalanceStrategy strategy) {
        if (strategy == RebalanceStrategy.DISABLED || peers.size() < 2) {
            return List.of();
        }
        for (CollectionPlacement placement : placements) {
            if (!placement.transfers().isEmpty()
                    || placement.replicas().stream().anyMatch(r -> r.state().inTransition())) {
                // Let running transfers and Qdrant's own changes (resharding, recovery) finish before judging the
                // balance: a shard being resharded must not be moved.
                return List.of();
            }
        }
        Map<Long, Long> count = new HashMap<>();
        Map<Long, Long> points = new HashMap<>();
        peers.forEach(peer -> {
            count.put(peer, 0L);
            points.put(peer, 0L);
        });
        Map<String, Map<Integer, Long>> shardPoints = new HashMap<>();
        for (CollectionPlacement placement : placements) {
            for (ShardReplica replica : placement.replicas()) {
                if (replica.pointsCount() != null) {
                    shardPoints.computeIfAbsent(placement.collection(), c -> new HashMap<>())
                            .merge(replica.shardId(), replica.pointsCount(), Math::max);
                }
            }
        }
        for (CollectionPlacement placement : placements) {
            for (ShardReplica replica : placement.replicas()) {
                if (!peers.contains(replica.peerId())) {
                    continue;
                }
                count.merge(replica.peerId(), 1L, Long::sum);
                points.merge(replica.peerId(), weight(shardPoints, placement.collection(), replica.shardId()), Long::sum);
            }
        }
        Map<Long, Long> measure = strategy == RebalanceStrategy.BY_SIZE ? points : count;
        long heaviest = peers.stream().max(Comparator.comparing(measure::get)).orElseThrow();
        long lightest = peers.stream().min(Comparator.comparing(measure::get)).orElseThrow();
        boolean countImbalanced = count.get(heaviest) - count.get(lightest) > 1;
        boolean unbalanced = strategy == RebalanceStrategy.BY_SIZE
                ? sizeImproves(points, heaviest, lightest, shardPoints, placements)
                : countImbalanced;
        if (!unbalanced) {
            return List.of();
        }
        List<ShardAction> actions = new ArrayList<>();
        ShardAction move = pickMove(placements, heaviest, lightest, shardPoints,
                points.get(heaviest) - points.get(lightest), strategy != RebalanceStrategy.BY_COUNT);
        if (move != null) {
            actions.add(move);
        }
        return actions;
    }

    private static boolean sizeImproves(Map<Long, Long> points, long heaviest, long lightest,
                                        Map<String, Map<Integer, Long>> shardPoints,
                                        Collection<CollectionPlacement> placements) {
        long gap = points.get(heaviest) - points.get(lightest);
        // Moving a shard of size s changes the gap to |gap - 2s|; only worth it when that is smaller.
        for (CollectionPlacement placement : placements) {
            for (ShardReplica replica : placement.on(heaviest)) {
                long size = weight(shardPoints, placement.collection(), replica.shardId());
                if (size > 0 && Math.abs(gap - 2 * size) < gap) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The first movable replica, or with sizes in play the one that best closes the points gap. */
    private static ShardAction pickMove(Collection<CollectionPlacement> placements, long from, long to,
                                        Map<String, Map<Integer, Long>> shardPoints, long pointsGap,
                                        boolean sizeAware) {
        ShardAction best = null;
        long bestRemainingGap = Long.MAX_VALUE;
        for (CollectionPlacement placement : placements) {
            Set<Integer> onTarget = new HashSet<>();
            placement.on(to).forEach(r -> onTarget.add(r.shardId()));
            for (ShardReplica replica : placement.on(from)) {
                if (onTarget.contains(replica.shardId()) || !replica.state().serving()) {
                    continue;
                }
                if (!sizeAware) {
                    return new ShardAction.Move(placement.collection(), replica.shardId(), from, to);
                }
                long remainingGap = Math.abs(pointsGap - 2 * weight(shardPoints, placement.collection(), replica.shardId()));
                if (remainingGap < bestRemainingGap) {
                    best = new ShardAction.Move(placement.collection(), replica.shardId(), from, to);
                    bestRemainingGap = remainingGap;
                }
            }
        }
        return best;
    }

    private static long weight(Map<String, Map<Integer, Long>> shardPoints, String collection, int shardId) {
        return shardPoints.getOrDefault(collection, Map.of()).getOrDefault(shardId, 0L);
    }
}
