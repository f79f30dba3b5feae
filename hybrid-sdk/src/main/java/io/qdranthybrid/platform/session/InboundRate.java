package io.qdranthybrid.platform.session;

import java.time.Clock;
import java.time.Instant;

/** A token bucket over one session's inbound frames: {@code perSecond} sustained, {@code burst} at once. Not thread-safe. */
final class InboundRate {

    private final double perSecond;
    private final double burst;
    private final Clock clock;
    private double tokens;
    private Instant refilledAt;

    InboundRate(int perSecond, int burst, Clock clock) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.clock = clock;
        this.tokens = burst;
        this.refilledAt = clock.instant();
    }

    /** Takes one frame's token; false if the session is over its rate. */
    boolean tryTake() {
        Instant now = clock.instant();
        if (now.isAfter(refilledAt)) {
            double seconds = (now.toEpochMilli() - refilledAt.toEpochMilli()) / 1000.0;
            tokens = Math.min(burst, tokens + seconds * perSecond);
            refilledAt = now;
        }
        if (tokens < 1) {
            return false;
        }
        tokens--;
        return true;
    }
}
