package io.qdranthybrid.platform.session;

import io.qdranthybrid.platform.PlatformFixture;
import io.qdranthybrid.platform.environment.Environment;
import io.qdranthybrid.protocol.MutableClock;
import io.qdranthybrid.protocol.SampleMessages;
import io.qdranthybrid.protocol.codec.MessageCodec;
import io.qdranthybrid.protocol.message.AccessKey;
import io.qdranthybrid.protocol.message.Ack;
import io.qdranthybrid.protocol.message.AgentMessage;
import io.qdranthybrid.protocol.message.Envelope;
import io.qdranthybrid.protocol.message.Heartbeat;
import io.qdranthybrid.protocol.message.Hello;
import io.qdranthybrid.protocol.message.Nack;
import io.qdranthybrid.protocol.message.NackReason;
import io.qdranthybrid.protocol.message.ResourceKey;
import io.qdranthybrid.protocol.message.ResourceKind;
import io.qdranthybrid.protocol.message.ResourceStatus;
import io.qdranthybrid.protocol.message.Telemetry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 15 item 10: what an authenticated agent reports is bounded and confined to its environment. */
class AgentReportLimitsTest {

    private static final SessionLimits LIMITS = new SessionLimits(1_000, 20, Duration.ofMinutes(1), 10, 20, 3);

    private final MutableClock clock = new MutableClock(SampleMessages.T0);
    private final MessageCodec codec = new MessageCodec(1 << 20);
    private final PlatformFixture platform = new PlatformFixture(clock, SessionSettings.DEFAULT, LIMITS);
    private final InMemoryTransport transport = new InMemoryTransport();
    private Environment environment;
    private AgentSession session;

    @BeforeEach
    void establish() {
        environment = platform.environment("prod", "qdrant");
        AccessKey key = platform.keys.issue(environment.id());
        session = platform.gateway.open(transport);
        session.onText(frame(new Hello(environment.id(), key, "0.1.0", List.of(1), 0)));
        assertThat(session.state()).isEqualTo(SessionState.ESTABLISHED);
    }

    private String frame(AgentMessage message) {
        return codec.encode(Envelope.wrap(message, clock));
    }

    private Envelope<AgentMessage> status(String namespace, String name, boolean deleted) {
        return Envelope.wrap(new ResourceStatus(new ResourceKey(ResourceKind.CLUSTER, namespace, name), 0,
                SampleMessages.json(deleted ? "{\"deleted\":true}" : "{\"phase\":\"Healthy\"}"), clock.instant()), clock);
    }

    private NackReason answerTo(Envelope<AgentMessage> envelope) {
        session.onText(codec.encode(envelope));
        clock.advance(Duration.ofSeconds(1));
        if (transport.messagesOf(Ack.class).stream().anyMatch(a -> a.ref().equals(envelope.id()))) {
            return null;
        }
        return transport.messagesOf(Nack.class).stream().filter(n -> envelope.id().equals(n.ref())).findFirst()
                .map(Nack::reason).orElseThrow(() -> new AssertionError("no answer to " + envelope.id()));
    }

    @Test
    void aStatusOfAnotherNamespaceIsRefusedAndNotStored() {
        assertThat(answerTo(status("kube-system", "x", false))).isEqualTo(NackReason.FORBIDDEN_NAMESPACE);

        assertThat(platform.statuses.statuses(environment.id())).isEmpty();
        assertThat(session.state()).isEqualTo(SessionState.ESTABLISHED);
    }

    @Test
    void distinctReportedResourcesAreCappedPerEnvironmentAndADeletionFreesAPlace() {
        assertThat(answerTo(status("qdrant", "a", false))).isNull();
        assertThat(answerTo(status("qdrant", "b", false))).isNull();
        assertThat(answerTo(status("qdrant", "c", false))).isNull();

        assertThat(answerTo(status("qdrant", "d", false))).isEqualTo(NackReason.LIMIT_EXCEEDED);
        assertThat(answerTo(status("qdrant", "a", false))).as("a known resource still reports").isNull();
        assertThat(answerTo(status("qdrant", "b", true))).isNull();
        assertThat(answerTo(status("qdrant", "d", false))).isNull();
        assertThat(platform.statuses.statuses(environment.id())).extracting(s -> s.key().name())
                .contains("a", "c", "d").doesNotContain("e");
    }

    @Test
    void aFloodOfMessagesIsNackedUnreadBeyondTheBurstAndTheSessionRecoversAtTheRate() {
        for (int i = 0; i < 25; i++) { // the Hello took 1 of the 20
            session.onText(frame(new Heartbeat()));
        }

        assertThat(transport.messagesOf(Nack.class)).extracting(Nack::reason)
                .containsOnly(NackReason.RATE_LIMITED).hasSize(6);
        assertThat(session.state()).isEqualTo(SessionState.ESTABLISHED);

        clock.advance(Duration.ofSeconds(1));
        assertThat(answerTo(status("qdrant", "a", false))).as("10 tokens back after a second").isNull();
    }

    @Test
    void decommissioningClearsWhatTheAgentReported() {
        answerTo(status("qdrant", "a", false));
        session.onText(frame(new Telemetry(List.of(SampleMessages.metric(1)), List.of(), 0)));
        assertThat(platform.statuses.statuses(environment.id())).hasSize(1);
        assertThat(platform.telemetry.recentMetrics(environment.id())).hasSize(1);

        platform.gateway.decommission(environment.id());

        assertThat(platform.statuses.statuses(environment.id())).isEmpty();
        assertThat(platform.telemetry.recentMetrics(environment.id())).isEmpty();
    }
}
