package io.qdranthybrid.protocol.session;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * Capped exponential backoff with full jitter: the n-th retry waits a uniform random time in
 * [0, min(max, initial * 2^n)]. Losing a session that stayed up for {@code healthyAfter} resets n, and the first retry
 * after it is uniform in [0, reconnectSpread], so thousands of agents that lost the control plane at the same moment
 * do not come back at the same moment. Thread-safe.
 */
public final class ReconnectBackoff {

    private final BackoffPolicy policy;
    private final RandomGenerator random;
    private int failedAttempts;
    private int refusalsInARow;
    private Instant connectedAt;

    public ReconnectBackoff(BackoffPolicy policy, RandomGenerator random) {
        this.policy = policy;
        this.random = random;
    }

    /** The session is up (handshake accepted) at {@code at}. */
    public synchronized void connected(Instant at) {
        connectedAt = at;
        refusalsInARow = 0;
    }

    /** Delay before the next attempt after a failed attempt or a lost connection at {@code now}. */
    public synchronized Duration nextDelay(Instant now) {
        boolean lostHealthySession = connectedAt != null
                && Duration.between(connectedAt, now).compareTo(policy.healthyAfter()) >= 0;
        connectedAt = null;
        if (lostHealthySession) {
            // Later retries must not shrink back below the spread, or the agents that retried early bunch up again.
            failedAttempts = attemptsToReach(policy.reconnectSpread().toMillis());
            return Duration.ofMillis(random.nextLong(policy.reconnectSpread().toMillis() + 1));
        }
        long ceiling = ceilingMillis(failedAttempts);
        failedAttempts = Math.min(failedAttempts + 1, 62);
        return Duration.ofMillis(random.nextLong(ceiling + 1));
    }

    /**
     * Delay after a permanent refusal: {@code refusedDelay} doubled per refusal in a row since the last accepted
     * handshake, capped at {@code maxRefusedDelay}, jittered by +-50%. It does not reset the exponential count.
     */
    public synchronized Duration refusedDelay() {
        long base = policy.refusedDelay().toMillis();
        long cap = policy.maxRefusedDelay().toMillis();
        long delay = refusalsInARow >= 62 || base > (cap >> Math.min(refusalsInARow, 62)) ? cap
                : Math.min(cap, base << refusalsInARow);
        refusalsInARow = Math.min(refusalsInARow + 1, 62);
        return Duration.ofMillis(delay / 2 + random.nextLong(delay + 1));
    }

    /** Attempts since the last healthy connection. */
    public synchronized int failedAttempts() {
        return failedAttempts;
    }

    private int attemptsToReach(long millis) {
        int attempts = 0;
        while (attempts < 62 && ceilingMillis(attempts) < Math.min(millis, policy.maxDelay().toMillis())) {
            attempts++;
        }
        return attempts;
    }

    private long ceilingMillis(int attempts) {
        long initial = policy.initialDelay().toMillis();
        long max = policy.maxDelay().toMillis();
        if (attempts >= 62 || initial > (max >> Math.min(attempts, 62))) {
            return max;
        }
        return Math.min(max, initial << attempts);
    }
}
