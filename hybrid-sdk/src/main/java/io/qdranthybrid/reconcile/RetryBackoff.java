package io.qdranthybrid.reconcile;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * Exponential backoff with jitter for retrying a failed reconcile: the n-th consecutive failure waits
 * {@code initial * 2^(n-1)}, capped at {@code max}, then shortened by up to {@code jitter} of itself so that many
 * keys failing together do not retry in lockstep.
 */
public final class RetryBackoff {

    // 2^40 * 1ns already exceeds any sane cap; bounding the exponent avoids overflow.
    private static final int MAX_EXPONENT = 40;

    private final Duration initial;
    private final Duration max;
    private final double jitter;
    private final Random random;

    public RetryBackoff(Duration initial, Duration max, double jitter, Random random) {
        this.initial = Objects.requireNonNull(initial, "initial");
        this.max = Objects.requireNonNull(max, "max");
        this.random = Objects.requireNonNull(random, "random");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial backoff must be positive, got " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max backoff " + max + " is below the initial backoff " + initial);
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1), got " + jitter);
        }
        this.jitter = jitter;
    }

    /** 100 ms doubling up to 5 minutes, with 20% jitter: suits API-server and network faults. */
    public static RetryBackoff defaults() {
        return new RetryBackoff(Duration.ofMillis(100), Duration.ofMinutes(5), 0.2, new Random());
    }

    /** The delay before the retry that follows {@code consecutiveFailures} failures (1 for the first failure). */
    public Duration delayAfter(int consecutiveFailures) {
        if (consecutiveFailures < 1) {
            throw new IllegalArgumentException("consecutive failures start at 1, got " + consecutiveFailures);
        }
        int exponent = Math.min(consecutiveFailures - 1, MAX_EXPONENT);
        double nanos = Math.min((double) initial.toNanos() * Math.pow(2, exponent), (double) max.toNanos());
        double jittered = nanos * (1 - jitter * random.nextDouble());
        return Duration.ofNanos((long) jittered);
    }

    @Override
    public String toString() {
        return "RetryBackoff[initial=" + initial + ", max=" + max + ", jitter=" + jitter + "]";
    }
}
