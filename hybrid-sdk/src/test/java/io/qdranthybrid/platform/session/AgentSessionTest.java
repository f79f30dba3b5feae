package io.qdranthybrid.platform.session;

import io.qdranthybrid.platform.PlatformFixture;
import io.qdranthybrid.platform.environment.Environment;
import io.qdranthybrid.protocol.MutableClock;
import io.qdranthybrid.protocol.SampleMessages;
import io.qdranthybrid.protocol.codec.MessageCodec;
import io.qdranthybrid.protocol.message.AccessKey;
import io.qdranthybrid.protocol.message.Ack;
import io.qdranthybrid.protocol.message.AgentMessage;
import io.qdranthybrid.protocol.delivery.ApplyLedger;
import io.qdranthybrid.protocol.delivery.DesiredStatePlan;
import io.qdranthybrid.protocol.message.DesiredResource;
import io.qdranthybrid.protocol.message.DesiredState;
import io.qdranthybrid.protocol.message.DesiredStateMode;
import io.qdranthybrid.protocol.message.DesiredStatePart;
import io.qdranthybrid.protocol.message.ResourceKey;
import io.qdranthybrid.protocol.message.RefusedResource;
import io.qdranthybrid.protocol.message.Envelope;
import io.qdranthybrid.protocol.message.Heartbeat;
import io.qdranthybrid.protocol.message.Hello;
import io.qdranthybrid.protocol.message.Nack;
import io.qdranthybrid.protocol.message.NackReason;
import io.qdranthybrid.protocol.message.RefusalReason;
import io.qdranthybrid.protocol.message.Refused;
import io.qdranthybrid.protocol.message.ResourceKind;
import io.qdranthybrid.protocol.message.Welcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.qdranthybrid.platform.PlatformFixture.clusterManifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The session core driven frame by frame, with a hand-moved clock. */
class AgentSessionTest {

    private static final SessionSettings SETTINGS = SessionSettings.DEFAULT
            .withHeartbeat(Duration.ofSeconds(10), Duration.ofSeconds(30)).withRedeliveryInterval(Duration.ofSeconds(20))
            .withMaxMessageBytes(4096);

    private final MutableClock clock = new MutableClock(SampleMessages.T0);
    private final MessageCodec codec = new MessageCodec(1 << 20);
    private final PlatformFixture platform = new PlatformFixture(clock, SETTINGS, 100);
    private final InMemoryTransport transport = new InMemoryTransport();
    private Environment environment;
    private AccessKey key;
    private AgentSession session;

    @BeforeEach
    void openSession() {
        environment = platform.environment("prod", "qdrant");
        key = platform.keys.issue(environment.id());
        session = platform.gateway.open(transport);
    }

    private String frame(AgentMessage message) {
        return codec.encode(Envelope.wrap(message, clock));
    }

    private String hello(long lastApplied) {
        return frame(new Hello(environment.id(), key, "0.1.0", List.of(1), lastApplied));
    }

    private void establish(long lastApplied) {
        session.onText(hello(lastApplied));
        assertThat(transport.messagesOf(Welcome.class)).hasSize(1);
    }

    @Test
    void aWelcomeCarriesTheSessionTerms() {
        establish(0);

        Welcome welcome = transport.messagesOf(Welcome.class).get(0);
        assertThat(welcome.heartbeatInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(welcome.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(welcome.maxMessageBytes()).isEqualTo(4096);
        assertThat(welcome.sessionId()).isEqualTo(session.sessionId());
        assertThat(platform.gateway.sessionOf(environment.id())).contains(session);
        assertThat(platform.registry.require(environment.id()).lastContactAt()).isEqualTo(clock.instant());
    }

    @Test
    void brokenOversizedAndUnknownFramesNeverEndTheSession() {
        establish(0);

        session.onText("{not json");
        session.onText("{\"v\":1,\"type\":\"heartbeat\",\"id\":\"big\",\"ts\":\"2026-11-24T10:00:00Z\",\"payload\":{\"pad\":\""
                + "x".repeat(5000) + "\"}}");
        session.onText("{\"v\":1,\"type\":\"agent-gossip\",\"id\":\"g-1\",\"ts\":\"2026-11-24T10:00:00Z\",\"payload\":{}}");
        session.onUnsupportedFrame("binary");

        List<Nack> nacks = transport.messagesOf(Nack.class);
        assertThat(nacks).extracting(Nack::reason)
                .containsExactly(NackReason.MALFORMED, NackReason.TOO_LARGE, NackReason.MALFORMED);
        assertThat(nacks.get(1).ref()).isEqualTo("big");
        assertThat(session.state()).isEqualTo(SessionState.ESTABLISHED);
        assertThat(session.metrics().unknownTypes()).isEqualTo(1);
        assertThat(session.metrics().rejectedInbound()).isEqualTo(3);
        assertThat(transport.closed()).isFalse();
    }

    @Test
    void anythingBeforeTheHelloIsNackedAndTheHandshakeCanStillHappen() {
        session.onText(frame(new Heartbeat()));

        assertThat(transport.messagesOf(Nack.class)).extracting(Nack::reason).containsExactly(NackReason.INVALID);
        establish(0);
        assertThat(session.state()).isEqualTo(SessionState.ESTABLISHED);
    }

    @Test
    void aConnectionThatNeverSaysHelloIsClosedAfterTheHandshakeTimeout() {
        clock.advance(SETTINGS.handshakeTimeout());
        platform.gateway.tick();
        assertThat(transport.closed()).isFalse();

        clock.advance(Duration.ofSeconds(1));
        platform.gateway.tick();

        assertThat(transport.closeCode).isEqualTo(SessionCloseCodes.HANDSHAKE_TIMEOUT);
        assertThat(platform.gateway.openSessions()).isZero();
    }

    @Test
    void anIdleSessionSendsHeartbeatsAndASilentAgentIsDropped() {
        establish(0);

        clock.advance(Duration.ofSeconds(10));
        platform.gateway.tick();
        assertThat(transport.messagesOf(Heartbeat.class)).hasSize(1);

        clock.advance(Duration.ofSeconds(10));
        session.onText(frame(new Heartbeat()));
        clock.advance(Duration.ofSeconds(29));
        platform.gateway.tick();
        assertThat(session.state()).isEqualTo(SessionState.ESTABLISHED);

        clock.advance(Duration.ofSeconds(2));
        platform.gateway.tick();
        assertThat(transport.closeCode).isEqualTo(SessionCloseCodes.HEARTBEAT_TIMEOUT);
        assertThat(platform.gateway.sessionOf(environment.id())).isEmpty();
    }

    @Test
    void anUnacknowledgedDesiredStateIsRedeliveredWithTheSameEnvelopeUntilAcked() {
        platform.stores.forEnvironment(environment.id()).put(ResourceKind.CLUSTER, "a", clusterManifest("a", 1));
        establish(0);
        List<Envelope<?>> first = desiredEnvelopes();
        assertThat(first).hasSize(1);

        clock.advance(Duration.ofSeconds(20));
        session.onText(frame(new Heartbeat()));
        platform.gateway.tick();
        List<Envelope<?>> redelivered = desiredEnvelopes();
        assertThat(redelivered).hasSize(2);
        assertThat(redelivered.get(1).id()).isEqualTo(first.get(0).id());

        session.onText(frame(Ack.ofRevision(first.get(0).id(), 1)));
        clock.advance(Duration.ofSeconds(25));
        session.onText(frame(new Heartbeat()));
        platform.gateway.tick();
        assertThat(desiredEnvelopes()).hasSize(2);
        assertThat(session.acknowledgedRevision()).isEqualTo(1);
    }

    /**
     * Issue #17: a replica caught up in steps (revision 1, then 3) while the agent's Ack of its first snapshot was still
     * on the way. Computed from the acknowledged revision 0, the second push was a second snapshot, which an agent
     * applies whole: resource a ran twice.
     */
    @Test
    void aChangeStoredBeforeTheFirstSnapshotIsAcknowledgedGoesAsADeltaOnTopOfItSoNothingIsAppliedTwice() {
        var store = platform.stores.forEnvironment(environment.id());
        store.put(ResourceKind.CLUSTER, "a", clusterManifest("a", 1));
        establish(0);
        store.put(ResourceKind.CLUSTER, "b", clusterManifest("b", 1));
        store.put(ResourceKind.CLUSTER, "c", clusterManifest("c", 1));

        ApplyLedger agent = new ApplyLedger();
        List<DesiredResource> applied = new java.util.ArrayList<>();
        for (Envelope<?> envelope : desiredEnvelopes()) {
            if (agent.plan((DesiredState) envelope.message()) instanceof DesiredStatePlan.Apply apply) {
                applied.addAll(apply.state().resources());
                agent.recordApplied(apply.state().revision());
            }
        }

        assertThat(applied).extracting(DesiredResource::revision).containsExactly(1L, 2L, 3L);
        assertThat(agent.lastAppliedRevision()).isEqualTo(3);
    }

    @Test
    void aRevisionGapNackIsAnsweredWithASnapshot() {
        var store = platform.stores.forEnvironment(environment.id());
        store.put(ResourceKind.CLUSTER, "a", clusterManifest("a", 1));
        store.put(ResourceKind.CLUSTER, "b", clusterManifest("b", 1));
        establish(1);
        Envelope<?> delta = desiredEnvelopes().get(0);
        assertThat(((DesiredState) delta.message()).mode()).isEqualTo(DesiredStateMode.DELTA);

        session.onText(frame(new Nack(delta.id(), NackReason.REVISION_GAP, "agent is at 0")));

        DesiredState answer = (DesiredState) desiredEnvelopes().get(1).message();
        assertThat(answer.mode()).isEqualTo(DesiredStateMode.SNAPSHOT);
        assertThat(answer.resources()).hasSize(2);
        assertThat(platform.statuses.rejections(environment.id())).isEmpty();
    }

    private static com.fasterxml.jackson.databind.JsonNode padded(int bytes) {
        return SampleMessages.json("{\"spec\":{\"pad\":\"" + "x".repeat(bytes) + "\"}}");
    }

    private List<Envelope<DesiredStatePart>> partEnvelopes() {
        return transport.envelopes().stream().filter(e -> e.message() instanceof DesiredStatePart)
                .map(e -> new Envelope<>(e.version(), e.id(), e.timestamp(), (DesiredStatePart) e.message())).toList();
    }

    @Test
    void aDesiredStateLargerThanAFrameGoesInPartsThatAreRedeliveredTogetherUntilTheLastIsAcked() {
        var store = platform.stores.forEnvironment(environment.id());
        for (int i = 0; i < 10; i++) {
            store.put(ResourceKind.CLUSTER, "c-" + i, padded(1000));
        }
        establish(0);

        List<Envelope<DesiredStatePart>> parts = partEnvelopes();
        assertThat(desiredEnvelopes()).isEmpty();
        assertThat(parts).hasSizeGreaterThan(2).allSatisfy(e -> {
            assertThat(e.message().parts()).isEqualTo(parts.size());
            assertThat(e.message().state().revision()).isEqualTo(10);
        });
        assertThat(parts.stream().mapToInt(e -> e.message().state().resources().size()).sum()).isEqualTo(10);
        assertThat(transport.sent).allSatisfy(frame -> assertThat(frame.length()).isLessThanOrEqualTo(4096));

        clock.advance(Duration.ofSeconds(20));
        session.onText(frame(new Heartbeat()));
        platform.gateway.tick();
        List<Envelope<DesiredStatePart>> redelivered = partEnvelopes();
        assertThat(redelivered).extracting(Envelope::id).as("the same series again, same ids, same order")
                .containsExactlyElementsOf(java.util.stream.Stream.concat(parts.stream(), parts.stream())
                        .map(Envelope::id).toList());

        session.onText(frame(Ack.ofRevision(parts.get(parts.size() - 1).id(), 10)));
        clock.advance(Duration.ofSeconds(25));
        session.onText(frame(new Heartbeat()));
        platform.gateway.tick();
        assertThat(partEnvelopes()).hasSize(redelivered.size());
        assertThat(session.acknowledgedRevision()).isEqualTo(10);
        assertThat(platform.statuses.rejections(environment.id())).isEmpty();
    }

    @Test
    void aResourceTooLargeForAFrameIsWithheldAndRefusedAloneWhileTheRestIsSent() {
        var store = platform.stores.forEnvironment(environment.id());
        store.put(ResourceKind.CLUSTER, "small", clusterManifest("small", 1));
        store.put(ResourceKind.CLUSTER, "huge", padded(5000));
        establish(0);

        assertThat(partEnvelopes()).hasSize(1);
        DesiredStatePart only = partEnvelopes().get(0).message();
        assertThat(only.parts()).isEqualTo(1);
        assertThat(only.state().resources()).extracting(r -> r.key().name()).containsExactly("small");
        assertThat(only.state().withheld()).extracting(ResourceKey::name).containsExactly("huge");
        assertThat(platform.statuses.rejections(environment.id())).singleElement().satisfies(r -> {
            assertThat(r.key().name()).isEqualTo("huge");
            assertThat(r.reason()).isEqualTo(NackReason.TOO_LARGE);
            assertThat(r.revision()).isEqualTo(2);
        });
    }

    @Test
    void aDesiredStateTooLargeEvenForTheMostPartsFailsTheSyncInsteadOfBeingRetriedForever() {
        var store = platform.stores.forEnvironment(environment.id());
        for (int i = 0; i <= DesiredStatePart.MAX_PARTS; i++) {
            store.put(ResourceKind.CLUSTER, "c-" + i, padded(3000));
        }
        establish(0);

        assertThat(desiredEnvelopes()).isEmpty();
        assertThat(partEnvelopes()).isEmpty();
        assertThat(session.metrics().desiredUnacked()).isFalse();
        assertThat(platform.registry.require(environment.id()).syncFailure().message())
                .contains("does not fit " + DesiredStatePart.MAX_PARTS + " messages of 4096 bytes");
    }

    @Test
    void aNackNamingResourcesMarksOnlyThoseWithTheirOwnReasons() {
        var store = platform.stores.forEnvironment(environment.id());
        store.put(ResourceKind.CLUSTER, "a", clusterManifest("a", 1));
        store.put(ResourceKind.CLUSTER, "b", clusterManifest("b", 0));
        store.put(ResourceKind.CLUSTER, "c", clusterManifest("c", 1));
        establish(0);
        Envelope<?> sent = desiredEnvelopes().get(0);

        session.onText(frame(new Nack(sent.id(), NackReason.INVALID, "1 of 3 resources refused, the rest applied",
                List.of(new RefusedResource(store.key(ResourceKind.CLUSTER, "b"), NackReason.INVALID,
                        "b: size 0 is below the minimum 1")))));

        assertThat(platform.statuses.rejections(environment.id())).singleElement().satisfies(r -> {
            assertThat(r.key().name()).isEqualTo("b");
            assertThat(r.revision()).isEqualTo(2);
            assertThat(r.message()).isEqualTo("b: size 0 is below the minimum 1");
        });
        assertThat(platform.registry.require(environment.id()).syncFailure().revision()).isEqualTo(3);
    }

    @Test
    void aNackNamingNoResourceConcernsTheWholeMessageAndMarksEveryResourceInIt() {
        var store = platform.stores.forEnvironment(environment.id());
        store.put(ResourceKind.CLUSTER, "a", clusterManifest("a", 1));
        store.put(ResourceKind.CLUSTER, "b", clusterManifest("b", 1));
        establish(0);

        session.onText(frame(new Nack(desiredEnvelopes().get(0).id(), NackReason.INVALID,
                "an empty desired state would delete every resource")));

        assertThat(platform.statuses.rejections(environment.id())).extracting(r -> r.key().name())
                .containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void rotatingTheKeyCutsTheSessionWithAReason() {
        establish(0);

        platform.keys.issue(environment.id());

        assertThat(transport.messagesOf(Refused.class)).extracting(Refused::reason)
                .containsExactly(RefusalReason.KEY_ROTATED);
        assertThat(transport.closeCode).isEqualTo(SessionCloseCodes.KEY_ROTATED);
        assertThat(session.state()).isEqualTo(SessionState.CLOSED);
    }

    @Test
    void decommissioningWaitsForTheResourcesThenCutsTheAgentAndForgetsTheEnvironment() {
        var store = platform.stores.forEnvironment(environment.id());
        store.put(ResourceKind.CLUSTER, "a", clusterManifest("a", 1));
        establish(0);
        var waiting = platform.gateway.sendCommand(environment.id(), "restart-cluster", null);

        assertThatThrownBy(() -> platform.gateway.decommission(environment.id()))
                .hasMessageContaining("still has 1 desired resources").hasMessageContaining("clusters/qdrant/a");
        assertThat(session.state()).isEqualTo(SessionState.ESTABLISHED);

        store.delete(store.key(ResourceKind.CLUSTER, "a"));
        platform.gateway.decommission(environment.id());

        assertThat(transport.messagesOf(Refused.class)).extracting(Refused::reason)
                .containsExactly(RefusalReason.ENVIRONMENT_DISABLED);
        assertThat(transport.closeCode).isEqualTo(SessionCloseCodes.ENVIRONMENT_DELETED);
        assertThat(waiting).isCompletedExceptionally();
        assertThat(platform.registry.find(environment.id())).isEmpty();
        InMemoryTransport again = new InMemoryTransport();
        platform.gateway.open(again).onText(hello(0));
        assertThat(again.messagesOf(Refused.class)).extracting(Refused::reason)
                .containsExactly(RefusalReason.UNKNOWN_ENVIRONMENT);
    }

    @Test
    void aNewerSessionOfTheSameEnvironmentSupersedesTheOlder() {
        establish(0);
        InMemoryTransport secondTransport = new InMemoryTransport();
        AgentSession second = platform.gateway.open(secondTransport);

        second.onText(hello(0));

        assertThat(transport.closeCode).isEqualTo(SessionCloseCodes.SUPERSEDED);
        assertThat(platform.gateway.sessionOf(environment.id())).contains(second);
    }

    private List<Envelope<?>> desiredEnvelopes() {
        return transport.envelopes().stream().filter(e -> e.message() instanceof DesiredState)
                .<Envelope<?>>map(e -> e).toList();
    }
}
