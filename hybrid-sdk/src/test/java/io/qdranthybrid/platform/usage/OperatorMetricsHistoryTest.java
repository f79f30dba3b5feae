package io.qdranthybrid.platform.usage;

import io.qdranthybrid.protocol.message.MetricSample;
import io.qdranthybrid.protocol.message.OperatorMetricNames;
import io.qdranthybrid.protocol.message.Telemetry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OperatorMetricsHistoryTest {

    private static final Instant START = Instant.parse("2026-12-07T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(START.plusSeconds(600), ZoneOffset.UTC);

    private static Telemetry reachable(int second, double reconciles, double errors, double depth) {
        Instant at = START.plusSeconds(second);
        return new Telemetry(List.of(
                sample(OperatorMetricNames.UP, 1, Map.of(), at),
                sample(OperatorMetricNames.RECONCILES_TOTAL, reconciles, Map.of(), at),
                sample(OperatorMetricNames.RECONCILE_ERRORS_TOTAL, errors, Map.of(), at),
                sample(OperatorMetricNames.QUEUE_DEPTH, depth, Map.of(), at),
                sample(OperatorMetricNames.ACTIVE_WORKERS, 1, Map.of(), at)), List.of(), 0);
    }

    private static Telemetry unreachable(int second, String reason) {
        return new Telemetry(List.of(sample(OperatorMetricNames.UP, 0, Map.of(OperatorMetricNames.REASON, reason),
                START.plusSeconds(second))), List.of(), 0);
    }

    private static MetricSample sample(String name, double value, Map<String, String> labels, Instant at) {
        return new MetricSample(MetricSample.ENVIRONMENT, name, value, labels, at);
    }

    @Test
    void countersBecomeRatesPerMinuteAndGaugesAreKeptAsReported() {
        OperatorMetricsHistory history = OperatorMetricsHistory.lastHour(CLOCK);
        history.telemetry("env", reachable(0, 10, 1, 0));
        history.telemetry("env", reachable(30, 70, 4, 3));

        List<OperatorMetrics> series = history.series("env", Duration.ofHours(1));

        assertThat(series).hasSize(2);
        assertThat(series.get(0).reconcilesPerMinute()).as("no rate from a single point").isNull();
        OperatorMetrics latest = series.get(1);
        assertThat(latest.reconcilesPerMinute()).isEqualTo(120.0);
        assertThat(latest.errorsPerMinute()).isEqualTo(6.0);
        assertThat(latest.queueDepth()).isEqualTo(3);
        assertThat(latest.activeWorkers()).isEqualTo(1);
        assertThat(latest.reachable()).isTrue();
    }

    @Test
    void anUnreachableOperatorShowsWhyAndTheRateResumesAcrossTheGap() {
        OperatorMetricsHistory history = OperatorMetricsHistory.lastHour(CLOCK);
        history.telemetry("env", reachable(0, 10, 0, 0));
        history.telemetry("env", unreachable(30, "GET http://op:8285/prometheus answered 503"));

        OperatorMetrics down = history.latest("env").orElseThrow();
        assertThat(down.reachable()).isFalse();
        assertThat(down.unreachable()).isEqualTo("GET http://op:8285/prometheus answered 503");
        assertThat(down.reconcilesPerMinute()).isNull();

        history.telemetry("env", reachable(60, 40, 0, 0));
        assertThat(history.latest("env").orElseThrow().reconcilesPerMinute()).isEqualTo(30.0);
    }

    @Test
    void aRestartedOperatorsLowerCountersGiveNoRateRatherThanANegativeOne() {
        OperatorMetricsHistory history = OperatorMetricsHistory.lastHour(CLOCK);
        history.telemetry("env", reachable(0, 500, 5, 0));
        history.telemetry("env", reachable(30, 12, 0, 0));

        assertThat(history.latest("env").orElseThrow().reconcilesPerMinute()).isNull();
        assertThat(history.latest("env").orElseThrow().reconcilesTotal()).isEqualTo(12);
    }

    @Test
    void aScrapeSplitOverBatchesIsOnePointAndClusterSamplesAreIgnored() {
        OperatorMetricsHistory history = OperatorMetricsHistory.lastHour(CLOCK);
        Telemetry whole = reachable(0, 10, 0, 2);
        history.telemetry("env", new Telemetry(whole.metrics().subList(0, 2), List.of(), 0));
        history.telemetry("env", new Telemetry(whole.metrics().subList(2, 5), List.of(), 0));
        history.telemetry("env", new Telemetry(List.of(new MetricSample("orders", OperatorMetricNames.QUEUE_DEPTH, 9,
                Map.of(), START.plusSeconds(5))), List.of(), 0));

        assertThat(history.series("env", Duration.ofHours(1))).singleElement().satisfies(p -> {
            assertThat(p.reconcilesTotal()).isEqualTo(10);
            assertThat(p.queueDepth()).isEqualTo(2);
        });
    }

    @Test
    void theSeriesIsBoundedAndForgottenWithTheEnvironment() {
        OperatorMetricsHistory history = new OperatorMetricsHistory(3, Duration.ofHours(1), CLOCK);
        for (int second = 0; second < 10; second++) {
            history.telemetry("env", reachable(second, second, 0, 0));
        }
        assertThat(history.series("env", Duration.ofHours(1))).extracting(OperatorMetrics::reconcilesTotal)
                .containsExactly(7.0, 8.0, 9.0);

        history.environmentRemoved("env");
        assertThat(history.latest("env")).isEmpty();
    }
}
