package io.qdranthybrid.platform.session;

import io.qdranthybrid.platform.PlatformFixture;
import io.qdranthybrid.platform.environment.AgentPresence;
import io.qdranthybrid.platform.environment.Environment;
import io.qdranthybrid.protocol.MutableClock;
import io.qdranthybrid.protocol.SampleMessages;
import io.qdranthybrid.protocol.codec.MessageCodec;
import io.qdranthybrid.protocol.message.AccessKey;
import io.qdranthybrid.protocol.message.Envelope;
import io.qdranthybrid.protocol.message.Hello;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 15 item 14: the gateway knows whether an environment's agent is connected, gone or refused. */
class AgentPresenceTest {

    private final MutableClock clock = new MutableClock(SampleMessages.T0);
    private final MessageCodec codec = new MessageCodec(1 << 20);
    private final PlatformFixture platform = new PlatformFixture(clock, SessionSettings.DEFAULT, 100);
    private final Environment environment = platform.environment("prod", "qdrant");

    private AgentSession hello(AccessKey key) {
        AgentSession session = platform.gateway.open(new InMemoryTransport());
        session.onText(codec.encode(Envelope.wrap(new Hello(environment.id(), key, "0.1.0", List.of(1), 0), clock)));
        return session;
    }

    @Test
    void connectedThenDisconnectedThenRefusedWithTheOldKey() {
        AccessKey old = platform.keys.issue(environment.id());
        assertThat(platform.gateway.presence(environment.id()).state()).isEqualTo(AgentPresence.State.NEVER_CONNECTED);

        AgentSession session = hello(old);
        assertThat(platform.gateway.presence(environment.id()).state()).isEqualTo(AgentPresence.State.CONNECTED);

        clock.advance(Duration.ofSeconds(3));
        session.transportClosed(1006, "gone");
        assertThat(platform.gateway.presence(environment.id()))
                .isEqualTo(AgentPresence.disconnected(clock.instant(), "connection ended: 1006 gone"));

        platform.keys.issue(environment.id());
        hello(old);
        assertThat(platform.gateway.presence(environment.id()).state()).isEqualTo(AgentPresence.State.REFUSED);
        assertThat(platform.gateway.presence(environment.id()).detail()).contains("KEY_ROTATED");
    }

    @Test
    void anAgentRetryingWithTheSameRefusedKeyStaysRefusedSinceItsFirstAttempt() {
        AccessKey old = platform.keys.issue(environment.id());
        platform.keys.issue(environment.id());
        hello(old);
        AgentPresence first = platform.gateway.presence(environment.id());

        clock.advance(Duration.ofSeconds(30));
        hello(old);

        assertThat(platform.gateway.presence(environment.id())).isEqualTo(first);
        assertThat(first.state()).isEqualTo(AgentPresence.State.REFUSED);
    }

    @Test
    void aRefusedStrangerDoesNotMakeAConnectedAgentLookRefused() {
        AccessKey key = platform.keys.issue(environment.id());
        hello(key);
        AccessKey wrong = AccessKey.parse(key.keyId() + "|not-the-secret");

        hello(wrong);

        assertThat(platform.gateway.presence(environment.id()).state()).isEqualTo(AgentPresence.State.CONNECTED);
    }
}
