package io.qdranthybrid.protocol.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Tracks traffic of one session: a heartbeat is due when we sent nothing for {@code interval}; the session is dead
 * when we received nothing for {@code timeout}. Any message counts, not only heartbeats. Thread-safe.
 */
public final class HeartbeatMonitor {

    private final Clock clock;
    private final Duration interval;
    private final Duration timeout;
    private Instant lastInbound;
    private Instant lastOutbound;

    public HeartbeatMonitor(Clock clock, Duration interval, Duration timeout) {
        if (timeout.compareTo(interval) <= 0) {
            throw new IllegalArgumentException("heartbeat timeout " + timeout + " must exceed the interval " + interval);
        }
        this.clock = clock;
        this.interval = interval;
        this.timeout = timeout;
        Instant now = clock.instant();
        this.lastInbound = now;
        this.lastOutbound = now;
    }

    public synchronized void inboundReceived() {
        lastInbound = clock.instant();
    }

    public synchronized void outboundSent() {
        lastOutbound = clock.instant();
    }

    public synchronized boolean heartbeatDue() {
        return !clock.instant().isBefore(lastOutbound.plus(interval));
    }

    public synchronized boolean peerSilentTooLong() {
        return clock.instant().isAfter(lastInbound.plus(timeout));
    }

    public synchronized Duration silence() {
        return Duration.between(lastInbound, clock.instant());
    }

    public Duration interval() {
        return interval;
    }

    public Duration timeout() {
        return timeout;
    }
}
