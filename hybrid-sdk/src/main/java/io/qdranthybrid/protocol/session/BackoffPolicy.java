package io.qdranthybrid.protocol.session;

import java.time.Duration;

/**
 * Reconnect timing.
 *
 * @param initialDelay      ceiling of the first retry delay; doubles per failed attempt
 * @param maxDelay          the ceiling never grows beyond this
 * @param healthyAfter      a connection that lasted this long resets the doubling
 * @param reconnectSpread   after such a healthy session is lost, the first retry is uniform in [0, reconnectSpread]:
 *                          every agent of a restarted control plane loses its session at the same instant, and this
 *                          is what keeps them from all coming back within the same second
 * @param refusedDelay      wait (jittered by +-50%) after a first permanent refusal such as a bad access key; it
 *                          doubles with every further refusal in a row
 * @param maxRefusedDelay   the wait after refusals never grows beyond this (before jitter)
 */
public record BackoffPolicy(Duration initialDelay, Duration maxDelay, Duration healthyAfter, Duration reconnectSpread,
                            Duration refusedDelay, Duration maxRefusedDelay) {

    public static final BackoffPolicy DEFAULT = new BackoffPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60),
            Duration.ofSeconds(30), Duration.ofSeconds(20), Duration.ofMinutes(5), Duration.ofHours(1));

    /** Refusals in a row back off up to 12 times {@code refusedDelay}. */
    public BackoffPolicy(Duration initialDelay, Duration maxDelay, Duration healthyAfter, Duration reconnectSpread,
                         Duration refusedDelay) {
        this(initialDelay, maxDelay, healthyAfter, reconnectSpread, refusedDelay,
                refusedDelay == null ? null : refusedDelay.multipliedBy(12));
    }

    public BackoffPolicy {
        requirePositive(initialDelay, "initialDelay");
        requirePositive(maxDelay, "maxDelay");
        requirePositive(healthyAfter, "healthyAfter");
        requirePositive(reconnectSpread, "reconnectSpread");
        requirePositive(refusedDelay, "refusedDelay");
        requirePositive(maxRefusedDelay, "maxRefusedDelay");
        if (maxRefusedDelay.compareTo(refusedDelay) < 0) {
            throw new IllegalArgumentException("maxRefusedDelay " + maxRefusedDelay + " must not be below refusedDelay "
                    + refusedDelay);
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("maxDelay " + maxDelay + " must not be below initialDelay " + initialDelay);
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration but was " + value);
        }
    }
}
