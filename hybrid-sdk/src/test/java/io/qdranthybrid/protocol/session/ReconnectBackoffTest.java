package io.qdranthybrid.protocol.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;

class ReconnectBackoffTest {

    private static final BackoffPolicy POLICY = new BackoffPolicy(
            Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofMinutes(5));
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    /** A "random" source that always returns the top of the range, to see the ceilings. */
    private static final RandomGenerator ALWAYS_MAX = new RandomGenerator() {
        @Override
        public long nextLong() {
            return Long.MAX_VALUE;
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    @Test
    void theCeilingDoublesPerFailedAttemptUpToTheCap() {
        ReconnectBackoff backoff = new ReconnectBackoff(POLICY, ALWAYS_MAX);

        List<Long> seconds = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            seconds.add(backoff.nextDelay(T0).toSeconds());
        }

        assertThat(seconds).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
    }

    @Test
    void delaysAreJitteredAcrossTheWholeRange() {
        ReconnectBackoff backoff = new ReconnectBackoff(POLICY, new SplittableRandom(7));
        for (int i = 0; i < 10; i++) {
            backoff.nextDelay(T0);
        }
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            delays.add(backoff.nextDelay(T0).toMillis());
        }

        assertThat(delays).allSatisfy(d -> assertThat(d).isBetween(0L, 60_000L));
        assertThat(delays.stream().filter(d -> d < 20_000).count()).isGreaterThan(30);
        assertThat(delays.stream().filter(d -> d > 40_000).count()).isGreaterThan(30);
    }

    @Test
    void losingAHealthySessionSpreadsTheFirstRetryThenBacksOffFromTheSpread() {
        ReconnectBackoff backoff = new ReconnectBackoff(POLICY, ALWAYS_MAX);
        for (int i = 0; i < 6; i++) {
            backoff.nextDelay(T0);
        }
        backoff.connected(T0);

        assertThat(backoff.nextDelay(T0.plusSeconds(30))).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.nextDelay(T0.plusSeconds(60))).isEqualTo(Duration.ofSeconds(32));
        assertThat(backoff.nextDelay(T0.plusSeconds(90))).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aFreshAgentStartsWithShortRetries() {
        ReconnectBackoff backoff = new ReconnectBackoff(BackoffPolicy.DEFAULT, ALWAYS_MAX);

        assertThat(backoff.nextDelay(T0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.nextDelay(T0)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aConnectionThatDroppedQuicklyKeepsBackingOff() {
        ReconnectBackoff backoff = new ReconnectBackoff(POLICY, ALWAYS_MAX);
        for (int i = 0; i < 6; i++) {
            backoff.nextDelay(T0);
        }
        backoff.connected(T0);

        assertThat(backoff.nextDelay(T0.plusSeconds(5))).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aFirstPermanentRefusalWaitsAboutTheRefusedDelay() {
        for (int seed = 0; seed < 100; seed++) {
            ReconnectBackoff backoff = new ReconnectBackoff(POLICY, new SplittableRandom(seed));
            assertThat(backoff.refusedDelay()).isBetween(Duration.ofSeconds(150), Duration.ofSeconds(450));
        }
    }

    @Test
    void refusalsInARowDoubleTheWaitUpToTheCapUntilAHandshakeIsAccepted() {
        ReconnectBackoff backoff = new ReconnectBackoff(POLICY, new SplittableRandom(3));
        long[] ceilings = {300, 600, 1200, 2400, 3600, 3600, 3600};
        for (long ceiling : ceilings) {
            assertThat(backoff.refusedDelay()).isBetween(Duration.ofSeconds(ceiling / 2),
                    Duration.ofSeconds(ceiling / 2 + ceiling));
        }
        backoff.connected(T0);
        assertThat(backoff.refusedDelay()).isBetween(Duration.ofSeconds(150), Duration.ofSeconds(450));
    }

    /**
     * 1,000 agents lose their sessions at the same instant when the control plane restarts; it accepts connections
     * again after {@code restartSeconds}. Every agent retries with its own backoff until an attempt lands after the
     * restart. Neither the reconnects nor the attempts may bunch up in any one second.
     */
    @ParameterizedTest(name = "control plane back after {0} s")
    @ValueSource(ints = {0, 2, 5, 30, 120})
    void thousandAgentsReconnectingAfterAControlPlaneRestartAreSpreadOut(int restartSeconds) {
        int agents = 1000;
        long restartMillis = restartSeconds * 1000L;
        SplittableRandom seeds = new SplittableRandom(2026);
        TreeMap<Long, Integer> reconnectsPerSecond = new TreeMap<>();
        TreeMap<Long, Integer> attemptsPerSecond = new TreeMap<>();
        for (int agent = 0; agent < agents; agent++) {
            ReconnectBackoff backoff = new ReconnectBackoff(BackoffPolicy.DEFAULT, seeds.split());
            backoff.connected(T0.minusSeconds(3600));
            long now = 0;
            while (true) {
                now += backoff.nextDelay(T0.plusMillis(now)).toMillis();
                attemptsPerSecond.merge(now / 1000, 1, Integer::sum);
                if (now >= restartMillis) {
                    reconnectsPerSecond.merge(now / 1000, 1, Integer::sum);
                    break;
                }
            }
        }

        assertThat(reconnectsPerSecond.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(agents);
        assertThat(busiest(reconnectsPerSecond)).as("reconnects in the busiest second").isLessThanOrEqualTo(agents * 8 / 100);
        assertThat(busiest(attemptsPerSecond)).as("attempts in the busiest second").isLessThanOrEqualTo(agents / 10);
        assertThat(reconnectsPerSecond.lastKey() - reconnectsPerSecond.firstKey())
                .as("seconds over which the reconnects spread").isGreaterThanOrEqualTo(15);
    }

    private static int busiest(TreeMap<Long, Integer> perSecond) {
        return perSecond.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
    }
}
