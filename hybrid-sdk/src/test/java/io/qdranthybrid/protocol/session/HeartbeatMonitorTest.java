package io.qdranthybrid.protocol.session;

import io.qdranthybrid.protocol.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class HeartbeatMonitorTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final HeartbeatMonitor monitor = new HeartbeatMonitor(clock, Duration.ofSeconds(15), Duration.ofSeconds(45));

    @Test
    void aHeartbeatIsDueOnlyAfterAnIntervalWithoutSending() {
        clock.advance(Duration.ofSeconds(14));
        assertThat(monitor.heartbeatDue()).isFalse();

        clock.advance(Duration.ofSeconds(1));
        assertThat(monitor.heartbeatDue()).isTrue();

        monitor.outboundSent();
        assertThat(monitor.heartbeatDue()).isFalse();
    }

    @Test
    void theSessionIsDeadAfterTheTimeoutWithoutInboundTraffic() {
        clock.advance(Duration.ofSeconds(45));
        assertThat(monitor.peerSilentTooLong()).isFalse();

        clock.advance(Duration.ofMillis(1));
        assertThat(monitor.peerSilentTooLong()).isTrue();
    }

    @Test
    void anyInboundMessageKeepsTheSessionAlive() {
        clock.advance(Duration.ofSeconds(40));
        monitor.inboundReceived();
        clock.advance(Duration.ofSeconds(40));

        assertThat(monitor.peerSilentTooLong()).isFalse();
        assertThat(monitor.silence()).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void ourOwnSendingDoesNotCountAsThePeerBeingAlive() {
        clock.advance(Duration.ofSeconds(30));
        monitor.outboundSent();
        clock.advance(Duration.ofSeconds(30));

        assertThat(monitor.peerSilentTooLong()).isTrue();
    }
}
