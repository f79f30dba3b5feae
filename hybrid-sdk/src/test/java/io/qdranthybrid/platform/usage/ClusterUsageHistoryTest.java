package io.qdranthybrid.platform.usage;

import io.qdranthybrid.protocol.message.MetricSample;
import io.qdranthybrid.protocol.message.Telemetry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.qdranthybrid.protocol.message.UsageMetricNames.DISK_USED;
import static io.qdranthybrid.protocol.message.UsageMetricNames.REQUESTS_TOTAL;
import static org.assertj.core.api.Assertions.assertThat;

class ClusterUsageHistoryTest {

    private static final Instant START = Instant.parse("2026-01-01T10:00:00Z");

    private static Telemetry scrape(String cluster, Instant at, double disk, double requests) {
        return new Telemetry(new UsageSamples(cluster, at).total(DISK_USED, disk).total(REQUESTS_TOTAL, requests)
                .samples(), List.of(), 0);
    }

    @Test
    void keepsAtMostItsCapacityOfPointsPerClusterOldestDroppedFirst() {
        Instant last = START.plusSeconds(99 * 30);
        ClusterUsageHistory history = new ClusterUsageHistory(10, Duration.ofDays(1), Clock.fixed(last, ZoneOffset.UTC));
        for (int i = 0; i < 100; i++) {
            history.telemetry("env", scrape("orders", START.plusSeconds(i * 30L), i, i));
        }

        List<ClusterUsage> series = history.series("env", "orders", Duration.ofDays(1));

        assertThat(series).hasSize(10);
        assertThat(series.get(0).diskUsedBytes()).isEqualTo(90);
        assertThat(series.get(9).diskUsedBytes()).isEqualTo(99);
    }

    @Test
    void dropsPointsOlderThanTheRetentionAndServesOnlyTheWindowAsked() {
        Instant now = START.plus(Duration.ofMinutes(90));
        ClusterUsageHistory history = new ClusterUsageHistory(1000, Duration.ofHours(1), Clock.fixed(now, ZoneOffset.UTC));
        for (int minute = 0; minute <= 90; minute++) {
            history.telemetry("env", scrape("orders", START.plus(Duration.ofMinutes(minute)), minute, 0));
        }

        assertThat(history.series("env", "orders", Duration.ofHours(1))).hasSize(61);
        assertThat(history.series("env", "orders", Duration.ofMinutes(10))).extracting(ClusterUsage::diskUsedBytes)
                .first().isEqualTo(80.0);
    }

    @Test
    void aScrapeSplitOverTwoBatchesIsOnePointAndTheRequestRateComesFromConsecutiveTotals() {
        ClusterUsageHistory history = new ClusterUsageHistory(10, Duration.ofHours(1),
                Clock.fixed(START.plusSeconds(60), ZoneOffset.UTC));
        history.telemetry("env", scrape("orders", START, 1, 100));
        Instant next = START.plusSeconds(30);
        history.telemetry("env", new Telemetry(List.of(new MetricSample("orders", DISK_USED, 2, Map.of(), next)),
                List.of(), 0));
        history.telemetry("env", new Telemetry(List.of(new MetricSample("orders", REQUESTS_TOTAL, 160, Map.of(), next)),
                List.of(), 0));

        List<ClusterUsage> series = history.series("env", "orders", Duration.ofHours(1));

        assertThat(series).hasSize(2);
        assertThat(series.get(0).requestRate()).isNull();
        assertThat(series.get(1).diskUsedBytes()).isEqualTo(2);
        assertThat(series.get(1).requestRate()).isEqualTo(2.0);
    }

    @Test
    void otherMetricsAndOtherClustersDoNotMix() {
        ClusterUsageHistory history = ClusterUsageHistory.lastHour(Clock.fixed(START, ZoneOffset.UTC));
        history.telemetry("env", new Telemetry(List.of(new MetricSample("orders", "qdrant_cluster_nodes", 3,
                Map.of(), START)), List.of(), 0));
        history.telemetry("env", scrape("search", START, 5, 0));

        assertThat(history.latest("env", "orders")).isEmpty();
        assertThat(history.latest("env", "search")).hasValueSatisfying(u -> assertThat(u.diskUsedBytes()).isEqualTo(5));
        history.environmentRemoved("env");
        assertThat(history.latest("env", "search")).isEmpty();
    }

    @Test
    void onlyTheLatestPointKeepsItsReplicasSoAnHourOfPointsStaysSmall() {
        ClusterUsageHistory history = ClusterUsageHistory.lastHour(Clock.fixed(START.plusSeconds(60), ZoneOffset.UTC));
        history.telemetry("env", new Telemetry(new UsageSamples("orders", START).replica(0, "docs", 0, 1).samples(),
                List.of(), 0));
        history.telemetry("env", new Telemetry(new UsageSamples("orders", START.plusSeconds(30))
                .replica(0, "docs", 0, 1).samples(), List.of(), 0));

        List<ClusterUsage> series = history.series("env", "orders", Duration.ofHours(1));

        assertThat(series.get(0).replicas()).isEmpty();
        assertThat(series.get(1).replicas()).hasSize(1);
    }
}
