package io.qdranthybrid.platform.usage;

import io.qdranthybrid.platform.sink.TelemetrySink;
import io.qdranthybrid.protocol.message.MetricSample;
import io.qdranthybrid.protocol.message.Telemetry;
import io.qdranthybrid.protocol.message.UsageMetricNames;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bounded time series of {@link ClusterUsage} per cluster: at most {@code pointsPerCluster} points, none older than
 * {@code retention}, only the latest with per-node and per-replica detail, so an hour of charts at the scrape interval costs a fixed amount of memory however long the
 * control plane runs. Fed as a {@link TelemetrySink}; usage samples arriving in several batches for one scrape are
 * joined by their shared {@code at}. Thread-safe.
 */
public final class ClusterUsageHistory implements TelemetrySink {

    private final int pointsPerCluster;
    private final Duration retention;
    private final Clock clock;
    private final Map<String, Map<String, Series>> environments = new ConcurrentHashMap<>();

    public ClusterUsageHistory(int pointsPerCluster, Duration retention, Clock clock) {
        if (pointsPerCluster < 1) {
            throw new IllegalArgumentException("pointsPerCluster must be >= 1 but was " + pointsPerCluster);
        }
        this.pointsPerCluster = pointsPerCluster;
        this.retention = retention;
        this.clock = clock;
    }

    /**
     * An hour at any scrape interval down to one second (the sandbox's): 120 points at the default 30 s, 3,600 of
     * totals at most.
     */
    public static ClusterUsageHistory lastHour(Clock clock) {
        return new ClusterUsageHistory(3600, Duration.ofHours(1), clock);
    }

    @Override
    public void telemetry(String environmentId, Telemetry batch) {
        Map<String, List<MetricSample>> byCluster = new LinkedHashMap<>();
        for (MetricSample sample : batch.metrics()) {
            if (sample.name().startsWith(UsageMetricNames.PREFIX)) {
                byCluster.computeIfAbsent(sample.clusterId(), id -> new ArrayList<>()).add(sample);
            }
        }
        if (byCluster.isEmpty()) {
            return;
        }
        Map<String, Series> clusters = environments.computeIfAbsent(environmentId, id -> new ConcurrentHashMap<>());
        byCluster.forEach((clusterId, samples) -> clusters.computeIfAbsent(clusterId, Series::new)
                .add(samples, pointsPerCluster, clock.instant().minus(retention)));
    }

    @Override
    public void environmentRemoved(String environmentId) {
        environments.remove(environmentId);
    }

    /** Forget a deleted cluster's series. */
    public void clusterRemoved(String environmentId, String clusterId) {
        Map<String, Series> clusters = environments.get(environmentId);
        if (clusters != null) {
            clusters.remove(clusterId);
        }
    }

    /** The points of the last {@code window}, oldest first. */
    public List<ClusterUsage> series(String environmentId, String clusterId, Duration window) {
        Series series = series(environmentId, clusterId);
        return series == null ? List.of() : series.since(clock.instant().minus(window));
    }

    public Optional<ClusterUsage> latest(String environmentId, String clusterId) {
        Series series = series(environmentId, clusterId);
        return series == null ? Optional.empty() : series.latest();
    }

    private Series series(String environmentId, String clusterId) {
        Map<String, Series> clusters = environments.get(environmentId);
        return clusters == null ? null : clusters.get(clusterId);
    }

    private static final class Series {
        private final String clusterId;
        private final Deque<ClusterUsage> points = new ArrayDeque<>();
        /** Samples of the newest scrape, kept to join a scrape split over batches. */
        private final List<MetricSample> newest = new ArrayList<>();

        Series(String clusterId) {
            this.clusterId = clusterId;
        }

        synchronized void add(List<MetricSample> samples, int capacity, Instant oldest) {
            Map<Instant, List<MetricSample>> byScrape = new LinkedHashMap<>();
            samples.forEach(s -> byScrape.computeIfAbsent(s.at(), at -> new ArrayList<>()).add(s));
            byScrape.forEach((at, scrape) -> addScrape(at, scrape));
            while (points.size() > capacity || (!points.isEmpty() && points.peekFirst().at().isBefore(oldest)
                    && points.size() > 1)) {
                points.removeFirst();
            }
        }

        private void addScrape(Instant at, List<MetricSample> scrape) {
            ClusterUsage last = points.peekLast();
            if (last != null && last.at().equals(at)) {
                // The rest of the newest scrape: rebuild it with all of its samples.
                points.removeLast();
                newest.addAll(scrape);
                points.addLast(ClusterUsage.of(clusterId, at, newest, points.peekLast()));
                return;
            }
            if (last != null && at.isBefore(last.at())) {
                return; // Older than what is shown: a late duplicate after a reconnect.
            }
            newest.clear();
            newest.addAll(scrape);
            if (last != null) {
                // Only the latest point keeps its replicas and nodes (downscale risk reads them): an hour of
                // per-replica detail would cost far more than the totals the charts draw.
                points.removeLast();
                points.addLast(last.totalsOnly());
            }
            points.addLast(ClusterUsage.of(clusterId, at, newest, last));
        }

        synchronized List<ClusterUsage> since(Instant from) {
            return points.stream().filter(p -> !p.at().isBefore(from)).toList();
        }

        synchronized Optional<ClusterUsage> latest() {
            return Optional.ofNullable(points.peekLast());
        }
    }
}
