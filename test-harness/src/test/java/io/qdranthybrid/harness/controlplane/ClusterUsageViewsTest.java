package io.qdranthybrid.harness.controlplane;

import io.qdranthybrid.platform.usage.ClusterUsage;
import io.qdranthybrid.platform.usage.ClusterUsageHistory;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterUsageViewsTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    private final ClusterUsageViews views = new ClusterUsageViews(null,
            ClusterUsageHistory.lastHour(Clock.fixed(NOW, ZoneOffset.UTC)), Clock.fixed(NOW, ZoneOffset.UTC));

    private static ClusterUsage usage(Instant at, double memoryUsed, double diskUsed) {
        return new ClusterUsage("orders", at, memoryUsed, 100, diskUsed, 100, 1, 0, null, 1, 10, 1, Map.of(),
                List.of(), List.of(), List.of());
    }

    @Test
    void aClusterAbove80PercentMemoryOrDiskIsFlaggedWithWhatToDo() {
        assertThat(views.flags(usage(NOW, 85, 50))).singleElement().asString()
                .startsWith("memory 85 % used (above 80 %)");
        assertThat(views.flags(usage(NOW, 50, 95))).singleElement().asString()
                .startsWith("disk 95 % used (above 80 %): grow the volumes or add nodes");
        assertThat(views.flags(usage(NOW, 80, 80))).as("at 80 % exactly, not above").isEmpty();
    }

    @Test
    void anOldReportOrNoneFlagsNothing() {
        assertThat(views.flags(null)).isEmpty();
        assertThat(views.flags(usage(NOW.minus(Duration.ofMinutes(10)), 99, 99))).isEmpty();
    }

    @Test
    void windowsAreShortDurationsOfAtMostAnHour() {
        assertThat(ClusterUsageViews.parseWindow("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(ClusterUsageViews.parseWindow("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(ClusterUsageViews.parseWindow("PT90S")).isEqualTo(Duration.ofSeconds(90));
        assertThatThrownBy(() -> ClusterUsageViews.parseWindow("2h")).hasMessageContaining("at most 1h");
        assertThatThrownBy(() -> ClusterUsageViews.parseWindow("soon")).hasMessageContaining("not a duration");
    }
}
