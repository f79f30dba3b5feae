package io.qdranthybrid.platform.session;

import io.qdranthybrid.platform.PlatformFixture;
import io.qdranthybrid.platform.desired.DesiredStateStore;
import io.qdranthybrid.platform.environment.Environment;
import io.qdranthybrid.protocol.FrameMutations;
import io.qdranthybrid.protocol.MutableClock;
import io.qdranthybrid.protocol.SampleMessages;
import io.qdranthybrid.protocol.codec.DecodeResult;
import io.qdranthybrid.protocol.codec.MessageCodec;
import io.qdranthybrid.protocol.message.AccessKey;
import io.qdranthybrid.protocol.message.Ack;
import io.qdranthybrid.protocol.message.AgentMessage;
import io.qdranthybrid.protocol.message.ControlPlaneMessage;
import io.qdranthybrid.protocol.message.DesiredState;
import io.qdranthybrid.protocol.message.Envelope;
import io.qdranthybrid.protocol.message.Hello;
import io.qdranthybrid.protocol.message.Nack;
import io.qdranthybrid.protocol.message.NackReason;
import io.qdranthybrid.protocol.message.ResourceKind;
import io.qdranthybrid.protocol.message.Welcome;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Duration;
import java.util.List;

import static io.qdranthybrid.platform.PlatformFixture.clusterManifest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated and mutated agent frames thrown at the platform's end ({@link AgentSession} through the {@link AgentGateway})
 * before and after the handshake: nothing escapes, every undecodable frame is Nacked, the session stays up, and the
 * environment's desired state, revisions and reported statuses stay consistent, so the next real change still syncs.
 */
class AgentSessionProperties {

    private final MessageCodec codec = new MessageCodec(1 << 20);

    @Provide
    Arbitrary<List<String>> agentFrames() {
        return FrameMutations.fromAgent().list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 500)
    void anEstablishedSessionSurvivesAnyFramesAndStillSyncs(@ForAll("agentFrames") List<String> frames) {
        MutableClock clock = new MutableClock(SampleMessages.T0);
        PlatformFixture platform = new PlatformFixture(clock, SessionSettings.DEFAULT, 100);
        Environment environment = platform.environment("prod", "qdrant");
        AccessKey key = platform.keys.issue(environment.id());
        DesiredStateStore store = platform.stores.forEnvironment(environment.id());
        store.put(ResourceKind.CLUSTER, "a", clusterManifest("a", 1));
        InMemoryTransport transport = new InMemoryTransport();
        AgentSession session = platform.gateway.open(transport);
        session.onText(codec.encode(Envelope.wrap(new Hello(environment.id(), key, "0.1.0", List.of(1), 0), clock)));
        assertThat(transport.messagesOf(Welcome.class)).hasSize(1);

        for (String frame : frames) {
            int before = transport.sent.size();
            session.onText(frame);
            clock.advance(Duration.ofMillis(10));
            List<ControlPlaneMessage> answers = transport.envelopes().subList(before, transport.sent.size()).stream()
                    .map(Envelope::message).toList();
            DecodeResult<AgentMessage> decoded = codec.decodeFromAgent(frame);
            if (decoded instanceof DecodeResult.Malformed<AgentMessage> || decoded instanceof DecodeResult.TooLarge<AgentMessage>) {
                assertThat(answers).as("the rejection of %s", frame).singleElement().isInstanceOfSatisfying(Nack.class,
                        nack -> assertThat(nack.reason()).isIn(NackReason.MALFORMED, NackReason.TOO_LARGE));
            }
            assertThat(session.state()).as("after %s", frame).isEqualTo(SessionState.ESTABLISHED);
        }

        assertThat(transport.closed()).isFalse();
        assertThat(session.acknowledgedRevision()).isBetween(0L, store.revision());
        assertThat(store.revision()).isEqualTo(1);
        assertThat(platform.statuses.statuses(environment.id())).allMatch(s -> s.key().namespace().equals("qdrant"));
        // The session still does its job: a new revision is pushed and its acknowledgement lands.
        long next = store.put(ResourceKind.CLUSTER, "b", clusterManifest("b", 1));
        Envelope<ControlPlaneMessage> pushed = transport.envelopes().stream()
                .filter(e -> e.message() instanceof DesiredState d && d.revision() == next).reduce((a, b) -> b).orElseThrow();
        session.onText(codec.encode(Envelope.wrap(Ack.ofRevision(pushed.id(), next), clock)));
        assertThat(session.acknowledgedRevision()).isEqualTo(next);
    }

    @Property(tries = 500)
    void framesBeforeTheHelloNeverAuthenticateAnyoneElse(@ForAll("agentFrames") List<String> frames) {
        MutableClock clock = new MutableClock(SampleMessages.T0);
        PlatformFixture platform = new PlatformFixture(clock, SessionSettings.DEFAULT, 100);
        InMemoryTransport transport = new InMemoryTransport();
        transport.remoteAddress = "203.0.113.9";
        AgentSession session = platform.gateway.open(transport);

        for (String frame : frames) {
            session.onText(frame);
        }

        // No environment is registered: nothing may be established, and the session ends at most by policy.
        assertThat(session.state()).isIn(SessionState.AWAITING_HELLO, SessionState.CLOSED);
        assertThat(platform.gateway.sessionOf(SampleMessages.ENVIRONMENT_ID)).isEmpty();
        assertThat(platform.gateway.pendingHandshakes()).isEqualTo(session.state() == SessionState.CLOSED ? 0 : 1);
    }

    @Provide
    Arbitrary<Long> revisions() {
        return Arbitraries.longs().greaterOrEqual(0);
    }

    @Property(tries = 200)
    void noClaimedRevisionMovesTheCounter(@ForAll("revisions") long claimed) {
        MutableClock clock = new MutableClock(SampleMessages.T0);
        PlatformFixture platform = new PlatformFixture(clock, SessionSettings.DEFAULT, 100);
        Environment environment = platform.environment("prod", "qdrant");
        AccessKey key = platform.keys.issue(environment.id());
        DesiredStateStore store = platform.stores.forEnvironment(environment.id());
        store.put(ResourceKind.CLUSTER, "a", clusterManifest("a", 1));

        platform.gateway.open(new InMemoryTransport()).onText(codec.encode(Envelope.wrap(
                new Hello(environment.id(), key, "0.1.0", List.of(1), claimed), clock)));

        assertThat(store.revision()).isEqualTo(1);
        assertThat(store.put(ResourceKind.CLUSTER, "b", clusterManifest("b", 1))).isEqualTo(2);
    }
}
