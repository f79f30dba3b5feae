package io.qdranthybrid.operator.backup;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GoDurationTest {

    @Test
    void parsesGoDurations() {
        assertThat(GoDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDuration.parse("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(GoDuration.parse("1m500ms")).isEqualTo(Duration.ofMillis(60_500));
        assertThat(GoDuration.parse("10us")).isEqualTo(Duration.ofNanos(10_000));
    }

    @Test
    void refusesWhatIsNotADuration() {
        assertThatThrownBy(() -> GoDuration.parse("1d")).hasMessageContaining("not a duration like 1h30m");
        assertThatThrownBy(() -> GoDuration.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GoDuration.parse("h")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatsAsGoDoesToWholeSeconds() {
        assertThat(GoDuration.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(GoDuration.format(Duration.ofMillis(340))).isEqualTo("340ms");
        assertThat(GoDuration.format(Duration.ofSeconds(70))).isEqualTo("1m10s");
        assertThat(GoDuration.format(Duration.ofSeconds(7205))).isEqualTo("2h0m5s");
        assertThat(GoDuration.format(Duration.ofMillis(45_900))).isEqualTo("45s");
    }
}
