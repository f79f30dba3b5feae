package io.qdranthybrid.platform.session;

import io.qdranthybrid.platform.PlatformFixture;
import io.qdranthybrid.platform.desired.DesiredStateStore;
import io.qdranthybrid.platform.desired.FileDesiredStateRepository;
import io.qdranthybrid.platform.environment.Environment;
import io.qdranthybrid.protocol.MutableClock;
import io.qdranthybrid.protocol.SampleMessages;
import io.qdranthybrid.protocol.codec.MessageCodec;
import io.qdranthybrid.protocol.message.AccessKey;
import io.qdranthybrid.protocol.message.Ack;
import io.qdranthybrid.protocol.message.AgentMessage;
import io.qdranthybrid.protocol.message.DesiredState;
import io.qdranthybrid.protocol.message.Envelope;
import io.qdranthybrid.protocol.message.Hello;
import io.qdranthybrid.protocol.message.Nack;
import io.qdranthybrid.protocol.message.NackReason;
import io.qdranthybrid.protocol.message.RefusalReason;
import io.qdranthybrid.protocol.message.Refused;
import io.qdranthybrid.protocol.message.ResourceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.qdranthybrid.platform.PlatformFixture.clusterManifest;
import static org.assertj.core.api.Assertions.assertThat;

/** Issue 15 item 9: an agent cannot move an environment's revision counter by claiming revisions it never got. */
class RevisionClaimTest {

    private final MutableClock clock = new MutableClock(SampleMessages.T0);
    private final MessageCodec codec = new MessageCodec(1 << 20);

    private String frame(AgentMessage message) {
        return codec.encode(Envelope.wrap(message, clock));
    }

    @Test
    void aHelloClaimingLongMaxValueIsRefusedAndTheFileStoreKeepsItsRevision(@TempDir Path data) {
        PlatformFixture platform = new PlatformFixture(clock, SessionSettings.DEFAULT, 100,
                new FileDesiredStateRepository(data));
        Environment environment = platform.environment("prod", "qdrant");
        AccessKey key = platform.keys.issue(environment.id());
        DesiredStateStore store = platform.stores.forEnvironment(environment.id());
        store.put(ResourceKind.CLUSTER, "a", clusterManifest("a", 1));
        InMemoryTransport transport = new InMemoryTransport();
        AgentSession session = platform.gateway.open(transport);

        session.onText(frame(new Hello(environment.id(), key, "0.1.0", List.of(1), Long.MAX_VALUE)));

        assertThat(transport.messagesOf(Refused.class)).extracting(Refused::reason)
                .containsExactly(RefusalReason.PROTOCOL_VIOLATION);
        assertThat(transport.messagesOf(Refused.class).get(0).message()).contains("revision 1");
        assertThat(transport.closeCode).isEqualTo(SessionCloseCodes.REFUSED);
        assertThat(store.revision()).isEqualTo(1);
        assertThat(store.put(ResourceKind.CLUSTER, "b", clusterManifest("b", 1))).isEqualTo(2);
        assertThat(new FileDesiredStateRepository(data).load(environment.id()).orElseThrow().revision()).isEqualTo(2);
    }

    @Test
    void aHelloOneAboveTheStoreIsRefusedButTheStoresOwnRevisionIsWelcome() {
        PlatformFixture platform = new PlatformFixture(clock, SessionSettings.DEFAULT, 100);
        Environment environment = platform.environment("prod", "qdrant");
        AccessKey key = platform.keys.issue(environment.id());
        platform.stores.forEnvironment(environment.id()).put(ResourceKind.CLUSTER, "a", clusterManifest("a", 1));

        InMemoryTransport ahead = new InMemoryTransport();
        platform.gateway.open(ahead).onText(frame(new Hello(environment.id(), key, "0.1.0", List.of(1), 2)));
        InMemoryTransport current = new InMemoryTransport();
        AgentSession session = platform.gateway.open(current);
        session.onText(frame(new Hello(environment.id(), key, "0.1.0", List.of(1), 1)));

        assertThat(ahead.messagesOf(Refused.class)).extracting(Refused::reason)
                .containsExactly(RefusalReason.PROTOCOL_VIOLATION);
        assertThat(current.messagesOf(Refused.class)).isEmpty();
        assertThat(session.state()).isEqualTo(SessionState.ESTABLISHED);
    }

    @Test
    void anAckOfARevisionNeverSentIsNackedAndDoesNotMoveTheAcknowledgedRevision() {
        PlatformFixture platform = new PlatformFixture(clock, SessionSettings.DEFAULT, 100);
        Environment environment = platform.environment("prod", "qdrant");
        AccessKey key = platform.keys.issue(environment.id());
        DesiredStateStore store = platform.stores.forEnvironment(environment.id());
        store.put(ResourceKind.CLUSTER, "a", clusterManifest("a", 1));
        InMemoryTransport transport = new InMemoryTransport();
        AgentSession session = platform.gateway.open(transport);
        session.onText(frame(new Hello(environment.id(), key, "0.1.0", List.of(1), 0)));
        String sent = transport.envelopes().stream().filter(e -> e.message() instanceof DesiredState).findFirst()
                .orElseThrow().id();

        session.onText(frame(Ack.ofRevision(sent, Long.MAX_VALUE)));

        assertThat(transport.messagesOf(Nack.class)).extracting(Nack::reason).containsExactly(NackReason.INVALID);
        assertThat(session.acknowledgedRevision()).isZero();
        assertThat(session.state()).isEqualTo(SessionState.ESTABLISHED);
        assertThat(store.put(ResourceKind.CLUSTER, "b", clusterManifest("b", 1))).isEqualTo(2);
    }
}
