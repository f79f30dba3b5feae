package io.qdranthybrid.platform.usage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Whether shrinking a cluster would put data or service at risk, judged from its latest reported usage, like Qdrant
 * Cloud's {@code GetClusterDownscaleRisk} (qdrant-cloud-public-api, cluster/v1: NO_RISK, USAGE_EXCEEDS_TARGET,
 * USAGE_UNKNOWN). We add DATA_AT_RISK: a shard whose every replica is on a leaving node (replication factor 1 there)
 * exists only while it is moved, which the hosted API folds into its usage check. Pure.
 */
public final class DownscaleRisk {

    public enum Level { NO_RISK, DATA_AT_RISK, USAGE_EXCEEDS_TARGET, USAGE_UNKNOWN }

    /** A shard whose every replica sits on nodes that would leave. */
    public record ShardAtRisk(String collection, int shard, int replicas, List<Integer> nodes) {
        public ShardAtRisk {
            nodes = List.copyOf(nodes);
        }
    }

    /**
     * @param level       the most serious finding
     * @param reasons     every finding, in words a user can act on
     * @param reportedAt  when the usage judged was scraped, null when there is none
     * @param leavingNodes pod ordinals that would be removed
     */
    public record Assessment(Level level, List<String> reasons, Instant reportedAt, List<Integer> leavingNodes,
                             List<ShardAtRisk> shardsAtRisk) {
        public Assessment {
            reasons = List.copyOf(reasons);
            leavingNodes = List.copyOf(leavingNodes);
            shardsAtRisk = List.copyOf(shardsAtRisk);
        }
    }

    /**
     * What is asked: the node count after the change, and optionally smaller nodes.
     *
     * @param memoryPerNodeBytes the memory limit per node after the change, null to keep the current one
     * @param diskPerNodeBytes   the volume size per node after the change, null to keep the current one
     */
    public record Target(int nodes, Double memoryPerNodeBytes, Double diskPerNodeBytes) {
        public Target {
            if (nodes < 1) {
                throw new IllegalArgumentException("a cluster needs at least 1 node, asked " + nodes);
            }
        }
    }

    private DownscaleRisk() {
    }

    /**
     * @param latest    the cluster's latest reported usage, null when none
     * @param now       the time of the question
     * @param freshness how old a report may be and still count
     */
    public static Assessment assess(ClusterUsage latest, Instant now, Duration freshness, Target target) {
        if (latest == null) {
            return unknown("no usage has been reported for this cluster yet (is its agent connected?)", null);
        }
        if (latest.at().isBefore(now.minus(freshness))) {
            return unknown("the latest usage report is from " + latest.at() + ", more than " + freshness.toSeconds()
                    + " s ago: the agent has not reported since", latest.at());
        }
        if (!latest.unreadNodes().isEmpty()) {
            return unknown("not every node could be read in the latest report (" + String.join("; ",
                    latest.unreadNodes()) + ")", latest.at());
        }
        TreeSet<Integer> allNodes = new TreeSet<>();
        latest.nodes().forEach(n -> allNodes.add(n.ordinal()));
        latest.replicas().forEach(r -> allNodes.add(r.node()));
        // A StatefulSet scales down from the highest ordinal (Kubernetes docs, StatefulSet "Scaling").
        List<Integer> leaving = allNodes.stream().filter(o -> o >= target.nodes()).toList();
        List<String> reasons = new ArrayList<>();
        List<ShardAtRisk> atRisk = shardsOnlyOn(latest, leaving);
        Level level = Level.NO_RISK;
        for (ShardAtRisk shard : atRisk) {
            reasons.add("collection '" + shard.collection() + "' shard " + shard.shard() + " has "
                    + (shard.replicas() == 1 ? "replication factor 1, its only replica"
                    : "all " + shard.replicas() + " replicas") + " on leaving node" + (shard.nodes().size() > 1 ? "s " : " ")
                    + join(shard.nodes()) + ": it must be moved before the node goes, and is lost if the node fails"
                    + " meanwhile; raise the replication factor first to keep a copy");
            level = Level.DATA_AT_RISK;
        }
        List<ClusterUsage.Node> staying = latest.nodes().stream().filter(n -> n.ordinal() < target.nodes()).toList();
        String memory = fit("memory", latest.memoryUsedBytes(), staying.stream().mapToDouble(
                n -> target.memoryPerNodeBytes() != null ? target.memoryPerNodeBytes() : n.memoryLimitBytes()).sum(),
                target.nodes());
        String disk = fit("disk", latest.diskUsedBytes(), staying.stream().mapToDouble(
                n -> target.diskPerNodeBytes() != null ? target.diskPerNodeBytes() : n.diskCapacityBytes()).sum(),
                target.nodes());
        for (String exceeded : new String[] {memory, disk}) {
            if (exceeded != null) {
                reasons.add(exceeded);
                if (level == Level.NO_RISK) {
                    level = Level.USAGE_EXCEEDS_TARGET;
                }
            }
        }
        if (level == Level.NO_RISK) {
            reasons.add(leaving.isEmpty() ? "no node would leave"
                    : "every shard on leaving node" + (leaving.size() > 1 ? "s " : " ") + join(leaving)
                    + " has a replica on a staying node, and the data fits on " + target.nodes() + " node"
                    + (target.nodes() > 1 ? "s" : ""));
        }
        return new Assessment(level, reasons, latest.at(), leaving, atRisk);
    }

    private static List<ShardAtRisk> shardsOnlyOn(ClusterUsage usage, List<Integer> leaving) {
        Map<String, List<ClusterUsage.Replica>> byShard = new TreeMap<>();
        usage.replicas().forEach(r -> byShard.computeIfAbsent(r.collection() + "\u0000" + String.format(Locale.ROOT,
                "%09d", r.shard()), k -> new ArrayList<>()).add(r));
        List<ShardAtRisk> atRisk = new ArrayList<>();
        for (List<ClusterUsage.Replica> replicas : byShard.values()) {
            if (replicas.stream().allMatch(r -> leaving.contains(r.node()))) {
                ClusterUsage.Replica first = replicas.get(0);
                atRisk.add(new ShardAtRisk(first.collection(), first.shard(), replicas.size(),
                        replicas.stream().map(ClusterUsage.Replica::node).sorted().toList()));
            }
        }
        return atRisk;
    }

    /** Null when {@code used} fits in {@code capacity} (or the capacity is unknown), else why not. */
    private static String fit(String what, double used, double capacity, int nodes) {
        if (capacity <= 0 || used <= capacity) {
            return null;
        }
        return String.format(Locale.ROOT, "%s in use (%s) would not fit on %d node%s (%s in all, %.0f %%)", what,
                bytes(used), nodes, nodes > 1 ? "s" : "", bytes(capacity), 100 * used / capacity);
    }

    static String bytes(double value) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, unit == 0 ? "%.0f %s" : "%.1f %s", value, units[unit]);
    }

    private static String join(List<Integer> nodes) {
        return String.join(", ", nodes.stream().map(String::valueOf).toList());
    }

    private static Assessment unknown(String reason, Instant at) {
        return new Assessment(Level.USAGE_UNKNOWN, List.of(reason), at, List.of(), List.of());
    }
}
