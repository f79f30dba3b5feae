package io.qdranthybrid.benchmarks;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchmarkArgsTest {

    @Test
    void readsSizesDurationsAndDefaults() {
        BenchmarkArgs args = BenchmarkArgs.parse("--sizes", "10,100,500", "--steady", "30s");

        assertThat(args.integers("sizes", List.of())).containsExactly(10, 100, 500);
        assertThat(args.duration("steady", Duration.ZERO)).isEqualTo(Duration.ofSeconds(30));
        assertThat(args.duration("timeout", Duration.ofMinutes(10))).isEqualTo(Duration.ofMinutes(10));
        assertThat(args.integer("workers", 4)).isEqualTo(4);
    }

    @Test
    void durationsTakeTheUsualUnits() {
        assertThat(BenchmarkArgs.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(BenchmarkArgs.parseDuration("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(BenchmarkArgs.parseDuration("PT1H")).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> BenchmarkArgs.parseDuration("5 minutes")).hasMessageContaining("not a duration");
    }

    @Test
    void refusesWordsThatAreNotOptions() {
        assertThatThrownBy(() -> BenchmarkArgs.parse("500")).isInstanceOf(IllegalArgumentException.class);
    }
}
