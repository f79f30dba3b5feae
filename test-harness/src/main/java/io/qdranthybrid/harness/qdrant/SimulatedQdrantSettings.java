package io.qdranthybrid.harness.qdrant;

import java.time.Duration;

/**
 * Timing of the simulated Qdrant nodes.
 *
 * @param transferPointsPerSecond how fast a shard transfer copies points
 * @param transferStallTimeout    a transfer that makes no progress this long (an end is down or
 *                                partitioned) is aborted, as Qdrant aborts transfers on errors
 * @param joinDelay               how long a starting node takes before it tries to join consensus
 * @param retryInterval           how often a waiting node retries joining and transfers tick; also how
 *                                long new replicas stay Initializing
 */
public record SimulatedQdrantSettings(
        long transferPointsPerSecond,
        Duration transferStallTimeout,
        Duration joinDelay,
        Duration retryInterval) {

    public SimulatedQdrantSettings {
        if (transferPointsPerSecond < 1) {
            throw new IllegalArgumentException(
                    "transferPointsPerSecond " + transferPointsPerSecond + " is below the minimum 1");
        }
        requirePositive("transferStallTimeout", transferStallTimeout);
        requirePositive("retryInterval", retryInterval);
        if (joinDelay.isNegative()) {
            throw new IllegalArgumentException("joinDelay " + joinDelay + " must not be negative");
        }
    }

    /** Fast enough for tests: 100k points/s, 5 s stall timeout, 50 ms join delay, 25 ms ticks. */
    public static SimulatedQdrantSettings defaults() {
        return new SimulatedQdrantSettings(100_000, Duration.ofSeconds(5), Duration.ofMillis(50), Duration.ofMillis(25));
    }

    public SimulatedQdrantSettings withTransferPointsPerSecond(long pointsPerSecond) {
        return new SimulatedQdrantSettings(pointsPerSecond, transferStallTimeout, joinDelay, retryInterval);
    }

    public SimulatedQdrantSettings withTransferStallTimeout(Duration timeout) {
        return new SimulatedQdrantSettings(transferPointsPerSecond, timeout, joinDelay, retryInterval);
    }

    public SimulatedQdrantSettings withJoinDelay(Duration delay) {
        return new SimulatedQdrantSettings(transferPointsPerSecond, transferStallTimeout, delay, retryInterval);
    }

    public SimulatedQdrantSettings withRetryInterval(Duration interval) {
        return new SimulatedQdrantSettings(transferPointsPerSecond, transferStallTimeout, joinDelay, interval);
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " " + value + " must be positive");
        }
    }
}
