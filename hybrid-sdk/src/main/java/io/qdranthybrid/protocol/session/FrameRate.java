package io.qdranthybrid.protocol.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket over frames: {@code perSecond} sustained, {@code burst} at once. The gateway meters what a session
 * receives with one; the agent meters what it sends with one set below the gateway's, so that it is not refused.
 * Not thread-safe: each owner uses it from one thread or under its own lock.
 */
public final class FrameRate {

    private final double perSecond;
    private final double burst;
    private final Clock clock;
    private double tokens;
    private Instant refilledAt;

    public FrameRate(int perSecond, int burst, Clock clock) {
        if (perSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("a frame rate needs at least 1 per second and a burst of at least 1, got "
                    + perSecond + " and " + burst);
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.clock = clock;
        this.tokens = burst;
        this.refilledAt = clock.instant();
    }

    /** Takes one frame's token; false if over the rate. */
    public boolean tryTake() {
        refill();
        if (tokens < 1) {
            return false;
        }
        tokens--;
        return true;
    }

    /** How many frames may go now. */
    public int available() {
        refill();
        return (int) Math.floor(tokens);
    }

    /** Counts {@code frames} as sent (taking what is there; never below empty). */
    public void take(int frames) {
        refill();
        tokens = Math.max(0, tokens - frames);
    }

    /** Half the rate and half the burst (at least one each), starting empty: for a sender told to slow down. */
    public FrameRate halved() {
        FrameRate slower = new FrameRate(Math.max(1, (int) (perSecond / 2)), Math.max(1, (int) (burst / 2)), clock);
        slower.tokens = 0;
        return slower;
    }

    /** How long until the next frame may go (zero when one may go now). */
    public Duration untilNext() {
        refill();
        if (tokens >= 1) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil((1 - tokens) / perSecond * 1e9));
    }

    private void refill() {
        Instant now = clock.instant();
        if (now.isAfter(refilledAt)) {
            double seconds = Duration.between(refilledAt, now).toNanos() / 1e9;
            tokens = Math.min(burst, tokens + seconds * perSecond);
            refilledAt = now;
        }
    }
}
