package io.qdranthybrid.platform.session;

import io.qdranthybrid.platform.PlatformFixture;
import io.qdranthybrid.platform.environment.Environment;
import io.qdranthybrid.protocol.MutableClock;
import io.qdranthybrid.protocol.SampleMessages;
import io.qdranthybrid.protocol.codec.MessageCodec;
import io.qdranthybrid.protocol.message.AccessKey;
import io.qdranthybrid.protocol.message.AgentMessage;
import io.qdranthybrid.protocol.message.Envelope;
import io.qdranthybrid.protocol.message.Heartbeat;
import io.qdranthybrid.protocol.message.Hello;
import io.qdranthybrid.protocol.message.Nack;
import io.qdranthybrid.protocol.message.NackReason;
import io.qdranthybrid.protocol.message.RefusalReason;
import io.qdranthybrid.protocol.message.Refused;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 15 item 11: what a stranger can do before authenticating is validated, bounded and rate-limited. */
class PreAuthenticationTest {

    private static final SessionLimits LIMITS = new SessionLimits(3, 4, Duration.ofMinutes(1), 200, 5_000, 10_000);

    private final MutableClock clock = new MutableClock(SampleMessages.T0);
    private final MessageCodec codec = new MessageCodec(4 << 20);
    private final PlatformFixture platform = new PlatformFixture(clock, SessionSettings.DEFAULT, LIMITS);
    private Environment environment;
    private AccessKey key;

    @BeforeEach
    void register() {
        environment = platform.environment("prod", "qdrant");
        key = platform.keys.issue(environment.id());
    }

    private String frame(AgentMessage message) {
        return codec.encode(Envelope.wrap(message, clock));
    }

    private InMemoryTransport connect(String address) {
        InMemoryTransport transport = new InMemoryTransport();
        transport.remoteAddress = address;
        return transport;
    }

    private String helloWithEnvironmentId(String id) {
        String valid = frame(new Hello("placeholder", key, "0.1.0", List.of(1), 0));
        return valid.replace("\"placeholder\"", com.fasterxml.jackson.databind.node.TextNode.valueOf(id).toString());
    }

    @Test
    void aHelloWithAMalformedEnvironmentIdIsRejectedWithoutEchoingIt() {
        String hostile = "prod\nERROR forged log line " + "x".repeat(100_000);
        InMemoryTransport transport = connect(null);
        AgentSession session = platform.gateway.open(transport);

        session.onText(helloWithEnvironmentId(hostile));

        List<Nack> nacks = transport.messagesOf(Nack.class);
        assertThat(nacks).extracting(Nack::reason).containsExactly(NackReason.MALFORMED);
        assertThat(nacks.get(0).message()).contains("environmentId must be 1-128 letters").doesNotContain("forged")
                .hasSizeLessThan(300);
        assertThat(session.state()).isEqualTo(SessionState.AWAITING_HELLO);
    }

    @Test
    void environmentIdsOfTheWrongShapeOrLengthAreRefusedWhereTheHelloIsRead() {
        for (String id : List.of("", "-leading-dash", "a/b", "../etc", "tab\there", "x".repeat(129), "é")) {
            InMemoryTransport transport = connect(null);
            AgentSession session = platform.gateway.open(transport);
            session.onText(helloWithEnvironmentId(id));
            session.transportClosed(1000, "done");

            assertThat(transport.messagesOf(Nack.class)).as(id).extracting(Nack::reason)
                    .containsExactly(NackReason.MALFORMED);
        }
    }

    @Test
    void peerTextIsLoggedOnOneShortLine() {
        String safe = LogSafe.shortForm("env\r\nINFO forged\u2028" + "y".repeat(10_000));

        assertThat(safe).doesNotContain("\n", "\r", "\u2028").startsWith("env??INFO forged?").endsWith("(10017 chars)")
                .hasSizeLessThan(LogSafe.MAX_CHARS + 20);
    }

    @Test
    void anAddressThatFailsTooOftenIsTurnedAwayEvenWithTheRightKeyUntilTheWindowEnds() {
        String guesser = "203.0.113.7";
        for (int i = 0; i < LIMITS.failedHandshakesPerAddress(); i++) {
            InMemoryTransport transport = connect(guesser);
            platform.gateway.open(transport).onText(frame(new Hello(UUID.randomUUID().toString(), key, "0.1.0",
                    List.of(1), 0)));
            assertThat(transport.messagesOf(Refused.class)).extracting(Refused::reason)
                    .containsExactly(RefusalReason.UNKNOWN_ENVIRONMENT);
        }

        InMemoryTransport blocked = connect(guesser);
        platform.gateway.open(blocked).onText(frame(new Hello(environment.id(), key, "0.1.0", List.of(1), 0)));
        InMemoryTransport other = connect("198.51.100.1");
        AgentSession otherSession = platform.gateway.open(other);
        otherSession.onText(frame(new Hello(environment.id(), key, "0.1.0", List.of(1), 0)));

        assertThat(blocked.messagesOf(Refused.class)).extracting(Refused::reason)
                .containsExactly(RefusalReason.UNAVAILABLE);
        assertThat(otherSession.state()).as("another address is not affected").isEqualTo(SessionState.ESTABLISHED);

        clock.advance(LIMITS.failedHandshakeWindow());
        InMemoryTransport later = connect(guesser);
        AgentSession laterSession = platform.gateway.open(later);
        laterSession.onText(frame(new Hello(environment.id(), key, "0.1.0", List.of(1), 0)));
        assertThat(laterSession.state()).isEqualTo(SessionState.ESTABLISHED);
    }

    @Test
    void framesRejectedBeforeAHelloCountAsFailuresAndEndTheConnection() {
        InMemoryTransport transport = connect("203.0.113.8");
        AgentSession session = platform.gateway.open(transport);

        for (int i = 0; i < 10; i++) {
            session.onText(frame(new Heartbeat()));
        }

        assertThat(transport.messagesOf(Nack.class)).hasSize(LIMITS.failedHandshakesPerAddress());
        assertThat(transport.closeCode).isEqualTo(SessionCloseCodes.POLICY_VIOLATION);
        assertThat(session.state()).isEqualTo(SessionState.CLOSED);
    }

    @Test
    void connectionsBeyondThePendingHandshakeCapAreClosedOnArrival() {
        List<InMemoryTransport> waiting = List.of(connect(null), connect(null), connect(null));
        waiting.forEach(platform.gateway::open);
        InMemoryTransport oneTooMany = connect(null);

        AgentSession turnedAway = platform.gateway.open(oneTooMany);

        assertThat(oneTooMany.closeCode).isEqualTo(SessionCloseCodes.TRY_AGAIN_LATER);
        assertThat(turnedAway.state()).isEqualTo(SessionState.CLOSED);
        assertThat(platform.gateway.pendingHandshakes()).isEqualTo(3);
        assertThat(waiting).noneMatch(InMemoryTransport::closed);

        clock.advance(SessionSettings.DEFAULT.handshakeTimeout().plusSeconds(1));
        platform.gateway.tick();
        assertThat(platform.gateway.pendingHandshakes()).isZero();
        InMemoryTransport afterwards = connect(null);
        AgentSession session = platform.gateway.open(afterwards);
        session.onText(frame(new Hello(environment.id(), key, "0.1.0", List.of(1), 0)));
        assertThat(session.state()).isEqualTo(SessionState.ESTABLISHED);
        assertThat(platform.gateway.pendingHandshakes()).isZero();
    }
}
