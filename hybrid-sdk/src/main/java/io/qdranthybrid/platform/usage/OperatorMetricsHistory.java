package io.qdranthybrid.platform.usage;

import io.qdranthybrid.platform.sink.TelemetrySink;
import io.qdranthybrid.protocol.message.MetricSample;
import io.qdranthybrid.protocol.message.OperatorMetricNames;
import io.qdranthybrid.protocol.message.Telemetry;

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
 * A bounded time series of {@link OperatorMetrics} per environment, as {@link ClusterUsageHistory} keeps clusters':
 * at most {@code pointsPerEnvironment} points, none older than {@code retention}. Fed as a {@link TelemetrySink} with
 * the samples of cluster id {@link MetricSample#ENVIRONMENT}; a scrape split over batches is joined by its {@code at}.
 * Thread-safe.
 */
public final class OperatorMetricsHistory implements TelemetrySink {

    private final int pointsPerEnvironment;
    private final Duration retention;
    private final Clock clock;
    private final Map<String, Series> environments = new ConcurrentHashMap<>();

    public OperatorMetricsHistory(int pointsPerEnvironment, Duration retention, Clock clock) {
        if (pointsPerEnvironment < 1) {
            throw new IllegalArgumentException("pointsPerEnvironment must be >= 1 but was " + pointsPerEnvironment);
        }
        this.pointsPerEnvironment = pointsPerEnvironment;
        this.retention = retention;
        this.clock = clock;
    }

    /** An hour at any scrape interval down to one second, as {@link ClusterUsageHistory#lastHour}. */
    public static OperatorMetricsHistory lastHour(Clock clock) {
        return new OperatorMetricsHistory(3600, Duration.ofHours(1), clock);
    }

    @Override
    public void telemetry(String environmentId, Telemetry batch) {
        List<MetricSample> samples = batch.metrics().stream()
                .filter(s -> s.clusterId().equals(MetricSample.ENVIRONMENT)
                        && s.name().startsWith(OperatorMetricNames.PREFIX))
                .toList();
        if (!samples.isEmpty()) {
            environments.computeIfAbsent(environmentId, id -> new Series())
                    .add(samples, pointsPerEnvironment, clock.instant().minus(retention));
        }
    }

    @Override
    public void environmentRemoved(String environmentId) {
        environments.remove(environmentId);
    }

    /** The points of the last {@code window}, oldest first. */
    public List<OperatorMetrics> series(String environmentId, Duration window) {
        Series series = environments.get(environmentId);
        return series == null ? List.of() : series.since(clock.instant().minus(window));
    }

    public Optional<OperatorMetrics> latest(String environmentId) {
        Series series = environments.get(environmentId);
        return series == null ? Optional.empty() : series.latest();
    }

    private static final class Series {
        private final Deque<OperatorMetrics> points = new ArrayDeque<>();
        /** Samples of the newest scrape, kept to join a scrape split over batches. */
        private final List<MetricSample> newest = new ArrayList<>();

        synchronized void add(List<MetricSample> samples, int capacity, Instant oldest) {
            Map<Instant, List<MetricSample>> byScrape = new LinkedHashMap<>();
            samples.forEach(s -> byScrape.computeIfAbsent(s.at(), at -> new ArrayList<>()).add(s));
            byScrape.forEach(this::addScrape);
            while (points.size() > capacity || (points.size() > 1 && points.peekFirst().at().isBefore(oldest))) {
                points.removeFirst();
            }
        }

        private void addScrape(Instant at, List<MetricSample> scrape) {
            OperatorMetrics last = points.peekLast();
            if (last != null && last.at().equals(at)) {
                // The rest of the newest scrape: rebuild it with all of its samples.
                points.removeLast();
                newest.addAll(scrape);
                points.addLast(OperatorMetrics.of(at, newest, lastReachable()));
                return;
            }
            if (last != null && at.isBefore(last.at())) {
                return; // Older than what is shown: a late duplicate after a reconnect.
            }
            newest.clear();
            newest.addAll(scrape);
            points.addLast(OperatorMetrics.of(at, newest, lastReachable()));
        }

        /** Rates span an outage of the endpoint: they compare with the latest point that answered. */
        private OperatorMetrics lastReachable() {
            var it = points.descendingIterator();
            while (it.hasNext()) {
                OperatorMetrics point = it.next();
                if (point.reachable()) {
                    return point;
                }
            }
            return null;
        }

        synchronized List<OperatorMetrics> since(Instant from) {
            return points.stream().filter(p -> !p.at().isBefore(from)).toList();
        }

        synchronized Optional<OperatorMetrics> latest() {
            return Optional.ofNullable(points.peekLast());
        }
    }
}
