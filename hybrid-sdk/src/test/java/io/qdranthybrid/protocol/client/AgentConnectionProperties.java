package io.qdranthybrid.protocol.client;

import io.qdranthybrid.protocol.FrameMutations;
import io.qdranthybrid.protocol.SampleMessages;
import io.qdranthybrid.protocol.codec.DecodeResult;
import io.qdranthybrid.protocol.codec.MessageCodec;
import io.qdranthybrid.protocol.delivery.ApplyLedger;
import io.qdranthybrid.protocol.message.Ack;
import io.qdranthybrid.protocol.message.AgentMessage;
import io.qdranthybrid.protocol.message.Command;
import io.qdranthybrid.protocol.message.ControlPlaneMessage;
import io.qdranthybrid.protocol.message.Envelope;
import io.qdranthybrid.protocol.message.Hello;
import io.qdranthybrid.protocol.message.Nack;
import io.qdranthybrid.protocol.message.NackReason;
import io.qdranthybrid.protocol.message.Refused;
import io.qdranthybrid.protocol.message.Welcome;
import io.qdranthybrid.protocol.session.BackoffPolicy;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Generated and mutated control-plane frames thrown at the agent's end ({@link AgentConnection}) over one real
 * WebSocket: after each, a sentinel command must still be answered on the same session (no reconnect, no second
 * Hello), and every frame the codec cannot read must have been Nacked before it. Frames that decode as a Refused or a
 * Welcome are skipped: the agent rightly acts on those.
 */
class AgentConnectionProperties {

    private static final MessageCodec CODEC = new MessageCodec(16 << 20);
    private static FakeControlPlane controlPlane;
    private static AgentConnection agent;

    @BeforeContainer
    static void connect() throws Exception {
        controlPlane = new FakeControlPlane().start();
        BackoffPolicy fast = new BackoffPolicy(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMinutes(10),
                Duration.ofMinutes(10), Duration.ofMinutes(5));
        agent = new AgentConnection(AgentConnectionSettings.builder(controlPlane.url("ws"), SampleMessages.ENVIRONMENT_ID,
                SampleMessages.ACCESS_KEY, "1.2.3").backoff(fast).allowInsecure(true).build(), new RecordingHandler(),
                ConnectionListener.NONE, new ApplyLedger(41, 100));
        agent.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> agent.state() == ConnectionState.CONNECTED);
    }

    @AfterContainer
    static void disconnect() throws Exception {
        agent.close(Duration.ofSeconds(2));
        controlPlane.close();
    }

    @Provide
    Arbitrary<String> controlPlaneFrames() {
        return FrameMutations.fromControlPlane();
    }

    @Property(tries = 200)
    void theSessionAnswersEveryFrameAndLivesOn(@ForAll("controlPlaneFrames") String frame) {
        DecodeResult<ControlPlaneMessage> decoded = CODEC.decodeFromControlPlane(frame);
        Assume.that(!(decoded instanceof DecodeResult.Decoded<ControlPlaneMessage> d
                && (d.envelope().message() instanceof Refused || d.envelope().message() instanceof Welcome)));
        int before = controlPlane.received.size();
        int hellos = controlPlane.receivedOf(Hello.class).size();

        controlPlane.sendRaw(frame);
        String sentinel = UUID.randomUUID().toString();
        controlPlane.send(new Command(sentinel, "ping", null));

        await().atMost(Duration.ofSeconds(10)).until(() -> controlPlane.receivedOf(Ack.class).stream()
                .anyMatch(a -> sentinel.equals(a.commandId())));
        List<AgentMessage> answers = controlPlane.received.subList(before, controlPlane.received.size()).stream()
                .map(Envelope::message).toList();
        if (decoded instanceof DecodeResult.Malformed<ControlPlaneMessage> || decoded instanceof DecodeResult.TooLarge<ControlPlaneMessage>) {
            assertThat(answers).as("the rejection of %s", frame).anySatisfy(a -> assertThat(a)
                    .isInstanceOfSatisfying(Nack.class, n -> assertThat(n.reason()).isIn(NackReason.MALFORMED,
                            NackReason.TOO_LARGE)));
        }
        assertThat(controlPlane.receivedOf(Hello.class)).as("still the same session").hasSize(hellos);
        assertThat(agent.state()).isEqualTo(ConnectionState.CONNECTED);
    }
}
