package io.qdranthybrid.harness.controlplane;

import io.fabric8.kubernetes.api.model.Quantity;
import io.qdranthybrid.platform.usage.ClusterUsage;
import io.qdranthybrid.platform.usage.ClusterUsageHistory;
import io.qdranthybrid.platform.usage.DownscaleRisk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A cluster's reported usage as the REST API and console show it: the series of the last window for charts, the
 * flags a user should see (memory or disk above {@value #FLAG_PERCENT} %, as the hosted console warns), and the
 * downscale risk of a smaller size.
 */
public final class ClusterUsageViews {

    /** The hosted console flags a cluster whose memory or disk use passes this share. */
    static final int FLAG_PERCENT = 80;
    /** The longest window served: the series holds no more. */
    static final Duration MAX_WINDOW = Duration.ofHours(1);
    /** A report older than this says nothing about now: several scrape intervals (30 s by default) missed. */
    static final Duration FRESHNESS = Duration.ofMinutes(2);

    /** One point of a chart. {@code requestRate} is null where it cannot be known (first point, node restart). */
    public record Point(Instant at, double memoryUsedBytes, double memoryLimitBytes, double diskUsedBytes,
                        double diskCapacityBytes, double requestsTotal, Double requestRate, long collections,
                        long points) {
    }

    /**
     * @param flags         what is above {@value #FLAG_PERCENT} % now, in words; empty when nothing is
     * @param latest        the latest point in full (per node, replicas), null before the first report
     */
    public record MetricsView(String clusterId, String window, List<Point> points, List<String> flags,
                              ClusterUsage latest) {
    }

    private final Clusters clusters;
    private final ClusterUsageHistory history;
    private final Clock clock;

    ClusterUsageViews(Clusters clusters, ClusterUsageHistory history, Clock clock) {
        this.clusters = clusters;
        this.history = history;
        this.clock = clock;
    }

    /** @param window an ISO-8601 duration or {@code 30m}, {@code 1h}, {@code 90s}; at most an hour */
    public MetricsView metrics(String environmentId, String clusterId, String window) {
        clusters.get(environmentId, clusterId);
        Duration span = window == null ? MAX_WINDOW : parseWindow(window);
        List<Point> points = new ArrayList<>();
        for (ClusterUsage usage : history.series(environmentId, clusterId, span)) {
            points.add(new Point(usage.at(), usage.memoryUsedBytes(), usage.memoryLimitBytes(), usage.diskUsedBytes(),
                    usage.diskCapacityBytes(), usage.requestsTotal(), usage.requestRate(), usage.collections(),
                    usage.points()));
        }
        ClusterUsage latest = history.latest(environmentId, clusterId).orElse(null);
        return new MetricsView(clusterId, span.toString(), points, flags(latest), latest);
    }

    /**
     * @param nodes  the node count asked for
     * @param memory the memory per node asked for (a Kubernetes quantity), null to keep it
     * @param disk   the volume size per node asked for, null to keep it
     */
    public DownscaleRisk.Assessment downscaleRisk(String environmentId, String clusterId, Integer nodes, String memory,
                                                  String disk) {
        ClusterView cluster = clusters.get(environmentId, clusterId);
        int target = nodes == null ? cluster.nodes() : nodes;
        if (target < 1) {
            throw new InvalidRequestException("nodes must be at least 1 but was " + target);
        }
        return DownscaleRisk.assess(history.latest(environmentId, clusterId).orElse(null), clock.instant(), FRESHNESS,
                new DownscaleRisk.Target(target, bytes("memory", memory), bytes("disk", disk)));
    }

    /** What the console flags: memory or disk above {@value #FLAG_PERCENT} % in the latest fresh report. */
    public List<String> flags(ClusterUsage latest) {
        List<String> flags = new ArrayList<>();
        if (latest == null || latest.at().isBefore(clock.instant().minus(FRESHNESS))) {
            return flags;
        }
        if (latest.memoryUse() * 100 > FLAG_PERCENT) {
            flags.add(String.format(Locale.ROOT, "memory %.0f %% used (above %d %%): scale up or out before Qdrant "
                    + "runs out of memory", latest.memoryUse() * 100, FLAG_PERCENT));
        }
        if (latest.diskUse() * 100 > FLAG_PERCENT) {
            flags.add(String.format(Locale.ROOT, "disk %.0f %% used (above %d %%): grow the volumes or add nodes",
                    latest.diskUse() * 100, FLAG_PERCENT));
        }
        return flags;
    }

    private static Double bytes(String field, String quantity) {
        if (quantity == null || quantity.isBlank()) {
            return null;
        }
        try {
            return Quantity.getAmountInBytes(new Quantity(quantity)).doubleValue();
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(field + " '" + quantity + "' is not a Kubernetes quantity such as 2Gi");
        }
    }

    static Duration parseWindow(String window) {
        Duration span;
        try {
            span = window.startsWith("P") || window.startsWith("p") ? Duration.parse(window)
                    : Duration.parse("PT" + window.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("window '" + window + "' is not a duration such as 15m or 1h");
        }
        if (span.isNegative() || span.isZero() || span.compareTo(MAX_WINDOW) > 0) {
            throw new InvalidRequestException("window '" + window + "' must be positive and at most 1h: the control"
                    + " plane keeps the last hour");
        }
        return span;
    }
}
