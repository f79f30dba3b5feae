package io.qdranthybrid.reconcile;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryBackoffTest {

    /** A Random that always returns the same fraction, so jitter is deterministic. */
    private static Random fixed(double value) {
        return new Random() {
            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    @Test
    void delayDoublesWithEachConsecutiveFailureUntilTheCap() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(1), 0.2, fixed(0));

        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.delayAfter(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.delayAfter(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(backoff.delayAfter(5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delayAfter(6)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void jitterShortensTheDelayByAtMostItsFraction() {
        RetryBackoff maxJitter = new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(1), 0.2, fixed(1.0));
        RetryBackoff halfJitter = new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(1), 0.2, fixed(0.5));

        assertThat(maxJitter.delayAfter(2)).isEqualTo(Duration.ofMillis(160));
        assertThat(halfJitter.delayAfter(2)).isEqualTo(Duration.ofMillis(180));
        assertThat(maxJitter.delayAfter(10)).isEqualTo(Duration.ofMillis(800));
    }

    @Test
    void delayStaysCappedForHugeFailureCountsWithoutOverflow() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(100), Duration.ofMinutes(5), 0.2, new Random(42));

        for (int failures : new int[] {30, 64, 1_000, Integer.MAX_VALUE}) {
            assertThat(backoff.delayAfter(failures))
                    .isLessThanOrEqualTo(Duration.ofMinutes(5))
                    .isGreaterThanOrEqualTo(Duration.ofMinutes(4));
        }
    }

    @Test
    void invalidSettingsAreRejectedWithTheReason() {
        assertThatThrownBy(() -> new RetryBackoff(Duration.ZERO, Duration.ofSeconds(1), 0.1, new Random()))
                .hasMessageContaining("initial backoff must be positive");
        assertThatThrownBy(() -> new RetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0.1, new Random()))
                .hasMessageContaining("below the initial");
        assertThatThrownBy(() -> new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1.0, new Random()))
                .hasMessageContaining("jitter");
        assertThatThrownBy(() -> RetryBackoff.defaults().delayAfter(0)).hasMessageContaining("start at 1");
    }
}
