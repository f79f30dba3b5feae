package io.qdranthybrid.protocol.session;

import io.qdranthybrid.protocol.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class FrameRateTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T00:00:00Z"));

    @Test
    void theBurstGoesAtOnceThenTheSustainedRate() {
        FrameRate rate = new FrameRate(10, 20, clock);

        assertThat(rate.available()).isEqualTo(20);
        rate.take(20);
        assertThat(rate.tryTake()).isFalse();
        assertThat(rate.untilNext()).isEqualTo(Duration.ofMillis(100));

        clock.advance(Duration.ofMillis(500));
        assertThat(rate.available()).isEqualTo(5);
        clock.advance(Duration.ofMinutes(1));
        assertThat(rate.available()).as("never more than the burst").isEqualTo(20);
    }

    @Test
    void halvedStartsEmptyAtHalfTheRateAndBurst() {
        FrameRate slower = new FrameRate(10, 20, clock).halved();

        assertThat(slower.available()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(slower.available()).isEqualTo(5);
        clock.advance(Duration.ofMinutes(1));
        assertThat(slower.available()).isEqualTo(10);
        assertThat(new FrameRate(1, 1, clock).halved().halved()).as("never below one frame a second")
                .satisfies(r -> {
                    clock.advance(Duration.ofSeconds(1));
                    assertThat(r.available()).isEqualTo(1);
                });
    }
}
