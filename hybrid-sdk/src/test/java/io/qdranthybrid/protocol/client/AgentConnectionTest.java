package io.qdranthybrid.protocol.client;

import io.qdranthybrid.protocol.SampleMessages;
import io.qdranthybrid.protocol.delivery.ApplyLedger;
import io.qdranthybrid.protocol.delivery.ApplyOutcome;
import io.qdranthybrid.protocol.message.Ack;
import io.qdranthybrid.protocol.message.AgentMessage;
import io.qdranthybrid.protocol.message.Command;
import io.qdranthybrid.protocol.message.DesiredState;
import io.qdranthybrid.protocol.message.Envelope;
import io.qdranthybrid.protocol.message.Heartbeat;
import io.qdranthybrid.protocol.message.Hello;
import io.qdranthybrid.protocol.message.Nack;
import io.qdranthybrid.protocol.message.NackReason;
import io.qdranthybrid.protocol.message.RefusalReason;
import io.qdranthybrid.protocol.message.AccessKey;
import io.qdranthybrid.protocol.message.Refused;
import io.qdranthybrid.protocol.message.ResourceStatus;
import io.qdranthybrid.protocol.message.ResyncRequest;
import io.qdranthybrid.protocol.message.Telemetry;
import io.qdranthybrid.protocol.session.BackoffPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static io.qdranthybrid.protocol.SampleMessages.cluster;
import static io.qdranthybrid.protocol.SampleMessages.metric;
import static io.qdranthybrid.protocol.SampleMessages.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AgentConnectionTest {

    private static final BackoffPolicy FAST = new BackoffPolicy(
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMinutes(5));

    private final FakeControlPlane controlPlane = new FakeControlPlane();
    private final RecordingHandler handler = new RecordingHandler();
    private final RecordingListener listener = new RecordingListener();
    private final ApplyLedger ledger = new ApplyLedger(41, 100);
    private AgentConnection agent;

    @BeforeEach
    void startControlPlane() throws Exception {
        controlPlane.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close(Duration.ofSeconds(2));
        }
        controlPlane.close();
    }

    private AgentConnectionSettings.Builder settings() {
        return AgentConnectionSettings.builder(controlPlane.url("ws"), SampleMessages.ENVIRONMENT_ID,
                SampleMessages.ACCESS_KEY, "1.2.3").backoff(FAST).allowInsecure(true);
    }

    private AgentConnection connect(AgentConnectionSettings settings) {
        agent = new AgentConnection(settings, handler, listener, ledger);
        agent.start();
        return agent;
    }

    private void awaitConnected() {
        await().until(() -> agent.state() == ConnectionState.CONNECTED);
    }

    private <T extends AgentMessage> List<Envelope<AgentMessage>> awaitReplies(Class<T> type, int count) {
        await().until(() -> replies(type).size() >= count);
        return replies(type);
    }

    private List<Envelope<AgentMessage>> replies(Class<? extends AgentMessage> type) {
        return controlPlane.received.stream().filter(e -> type.isInstance(e.message())).toList();
    }

    @Test
    void theHandshakeSendsHelloWithTheLastAppliedRevisionAndEstablishesASession() {
        connect(settings().build());

        awaitConnected();

        Hello hello = controlPlane.receivedOf(Hello.class).get(0);
        assertThat(hello.environmentId()).isEqualTo(SampleMessages.ENVIRONMENT_ID);
        assertThat(hello.accessKey()).isEqualTo(SampleMessages.ACCESS_KEY);
        assertThat(hello.lastAppliedRevision()).isEqualTo(41);
        assertThat(hello.supportedVersions()).containsExactly(1);
        assertThat(agent.currentSession()).hasValueSatisfying(w -> assertThat(w.sessionId()).isEqualTo("session-1"));
        assertThat(listener.reconnectFlags).containsExactly(false);
        assertThat(agent.lastRefusal()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = RefusalReason.class, names = {"BAD_ACCESS_KEY", "UNKNOWN_ENVIRONMENT", "KEY_ROTATED"})
    void aPermanentRefusalIsSurfacedAndRetriedOnlyAfterALongWait(RefusalReason reason) {
        controlPlane.authenticator = hello -> new Refused(reason, "rejected by test");
        connect(settings().build());

        await().until(() -> agent.lastRefusal().isPresent());

        assertThat(agent.lastRefusal()).contains(new Refused(reason, "rejected by test"));
        assertThat(listener.refusals).containsExactly(new Refused(reason, "rejected by test"));
        assertThat(listener.refusalDelays.get(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(150));
        await().until(() -> agent.state() == ConnectionState.WAITING_TO_RECONNECT);
        assertThat(controlPlane.upgrades.get()).isEqualTo(1);
        assertThat(listener.connected).isEmpty();
    }

    @Test
    void noCommonProtocolVersionIsRefusedWithTheVersionsNamed() {
        controlPlane.serverVersions = Set.of(2, 3);
        connect(settings().build());

        await().until(() -> agent.lastRefusal().isPresent());

        Refused refused = agent.lastRefusal().orElseThrow();
        assertThat(refused.reason()).isEqualTo(RefusalReason.NO_COMMON_VERSION);
        assertThat(refused.message()).contains("[1]").contains("[2, 3]");
        assertThat(agent.state()).isNotEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void aTransientRefusalRetriesWithTheNormalBackoff() {
        controlPlane.authenticator = hello -> controlPlane.upgrades.get() == 1
                ? new Refused(RefusalReason.UNAVAILABLE, "starting up") : null;
        connect(settings().build());

        awaitConnected();

        assertThat(listener.refusals).extracting(Refused::reason).containsExactly(RefusalReason.UNAVAILABLE);
        assertThat(agent.lastRefusal()).isEmpty();
    }

    @Test
    void aDesiredStateIsAppliedOnceAndARedeliveryIsOnlyAcknowledged() {
        connect(settings().build());
        awaitConnected();
        DesiredState state = DesiredState.delta(41, 42, List.of(cluster("a", 42)));

        String first = controlPlane.send(state);
        awaitReplies(Ack.class, 1);
        String second = controlPlane.send(state);
        awaitReplies(Ack.class, 2);

        assertThat(handler.applied).containsExactly(state);
        assertThat(controlPlane.receivedOf(Ack.class)).containsExactly(Ack.ofRevision(first, 42), Ack.ofRevision(second, 42));
        assertThat(ledger.lastAppliedRevision()).isEqualTo(42);
    }

    @Test
    void aDeltaFromAnUnknownBaseIsNackedAsARevisionGap() {
        connect(settings().build());
        awaitConnected();

        String id = controlPlane.send(DesiredState.delta(45, 46, List.of(cluster("a", 46))));

        awaitReplies(Nack.class, 1);
        Nack nack = controlPlane.receivedOf(Nack.class).get(0);
        assertThat(nack.ref()).isEqualTo(id);
        assertThat(nack.reason()).isEqualTo(NackReason.REVISION_GAP);
        assertThat(handler.applied).isEmpty();
    }

    @Test
    void aRedeliveredCommandRepeatsItsOutcomeWithoutRunningAgain() {
        handler.commandOutcome = command -> ApplyOutcome.rejected(NackReason.INVALID, "cluster x does not exist");
        connect(settings().build());
        awaitConnected();
        Command command = new Command("cmd-7", "restart-cluster", SampleMessages.json("{\"clusterId\":\"x\"}"));

        controlPlane.send(command);
        awaitReplies(Nack.class, 1);
        controlPlane.send(command);
        awaitReplies(Nack.class, 2);

        assertThat(handler.commands).hasSize(1);
        assertThat(controlPlane.receivedOf(Nack.class)).extracting(Nack::reason)
                .containsExactly(NackReason.INVALID, NackReason.INVALID);
    }

    @Test
    void aSucceededCommandIsAcknowledgedWithItsId() {
        connect(settings().build());
        awaitConnected();

        String id = controlPlane.send(new Command("cmd-8", "rotate-logs", null));

        awaitReplies(Ack.class, 1);
        assertThat(controlPlane.receivedOf(Ack.class)).containsExactly(Ack.ofCommand(id, "cmd-8"));
    }

    @Test
    void aMalformedFrameIsNackedAndTheSessionLivesOn() {
        connect(settings().build());
        awaitConnected();

        controlPlane.sendRaw("""
                {"v":1,"type":"desired-state","id":"bad-1","ts":"2026-11-24T10:00:00Z","payload":{"revision":"x","mode":"SNAPSHOT","resources":[]}}""");
        controlPlane.sendRaw("this is not json");
        String good = controlPlane.send(DesiredState.snapshot(50, List.of(cluster("a", 50))));

        awaitReplies(Ack.class, 1);
        List<Nack> nacks = controlPlane.receivedOf(Nack.class);
        assertThat(nacks).extracting(Nack::ref).containsExactly("bad-1", null);
        assertThat(nacks).extracting(Nack::reason).containsOnly(NackReason.MALFORMED);
        assertThat(nacks.get(0).message()).contains("payload.revision");
        assertThat(controlPlane.receivedOf(Ack.class)).containsExactly(Ack.ofRevision(good, 50));
        assertThat(agent.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(agent.metrics().inboundRejected()).isEqualTo(2);
    }

    @Test
    void anOversizedFrameIsNackedAsTooLargeAndTheSessionLivesOn() {
        connect(settings().maxMessageBytes(4096).build());
        awaitConnected();
        Command huge = new Command("cmd-big", "apply", SampleMessages.json("{\"blob\":\"" + "x".repeat(10_000) + "\"}"));

        String bigId = controlPlane.send(huge);
        String smallId = controlPlane.send(new Command("cmd-small", "noop", null));

        awaitReplies(Ack.class, 1);
        assertThat(controlPlane.receivedOf(Nack.class)).singleElement().satisfies(nack -> {
            assertThat(nack.ref()).isEqualTo(bigId);
            assertThat(nack.reason()).isEqualTo(NackReason.TOO_LARGE);
            assertThat(nack.message()).contains("4096");
        });
        assertThat(controlPlane.receivedOf(Ack.class)).containsExactly(Ack.ofCommand(smallId, "cmd-small"));
        assertThat(handler.commands).extracting(Command::commandId).containsExactly("cmd-small");
    }

    @Test
    void theSessionSizeLimitIsTheSmallerOfOursAndTheControlPlanes() {
        controlPlane.maxMessageBytes = 2048;
        connect(settings().build());
        awaitConnected();

        String bigId = controlPlane.send(new Command("c", "x", SampleMessages.json("{\"b\":\"" + "y".repeat(3000) + "\"}")));

        awaitReplies(Nack.class, 1);
        assertThat(controlPlane.receivedOf(Nack.class).get(0).ref()).isEqualTo(bigId);
        assertThat(controlPlane.receivedOf(Nack.class).get(0).reason()).isEqualTo(NackReason.TOO_LARGE);
    }

    @Test
    void anUnknownMessageTypeIsIgnoredAndCounted() {
        connect(settings().build());
        awaitConnected();

        controlPlane.sendRaw("""
                {"v":1,"type":"feature-flags","id":"f-1","ts":"2026-11-24T10:00:00Z","payload":{"on":["x"]}}""");
        String ping = controlPlane.send(new ResyncRequest("test"));

        awaitReplies(Ack.class, 1);
        assertThat(controlPlane.receivedOf(Ack.class)).containsExactly(Ack.of(ping));
        assertThat(controlPlane.receivedOf(Nack.class)).isEmpty();
        assertThat(listener.unknownTypes).containsExactly("feature-flags");
        assertThat(agent.metrics().unknownTypesIgnored()).isEqualTo(1);
        await().until(() -> handler.resyncs.size() == 1);
    }

    @Test
    void afterTheControlPlaneDropsTheSocketTheAgentReconnectsAndReplaysWhatWasBuffered() throws Exception {
        connect(settings().telemetryBuffer(3, 10).build());
        awaitConnected();
        controlPlane.send(DesiredState.delta(41, 43, List.of(cluster("a", 43))));
        awaitReplies(Ack.class, 1);

        controlPlane.crash();
        await().until(() -> listener.disconnected.size() == 1);
        agent.publish(status("a", "Creating", 43));
        agent.publish(status("b", "Healthy", 40));
        agent.publish(status("a", "Healthy", 43));
        for (int i = 1; i <= 5; i++) {
            agent.publish(metric(i));
        }
        await().until(() -> agent.metrics().buffered() == 5 && !listener.failures.isEmpty());
        assertThat(listener.lastBuffered).isEqualTo(5);
        assertThat(listener.lastDropped).isEqualTo(2);
        controlPlane.restart();

        await().until(() -> listener.connected.size() == 2 && agent.metrics().inFlight() == 0);
        Hello second = controlPlane.receivedOf(Hello.class).get(1);
        assertThat(second.lastAppliedRevision()).isEqualTo(43);
        assertThat(listener.reconnectFlags).containsExactly(false, true);
        assertThat(controlPlane.receivedSinceHello(2)).extracting(Envelope::message).containsExactly(
                status("b", "Healthy", 40),
                status("a", "Healthy", 43),
                new Telemetry(List.of(metric(3), metric(4), metric(5)), List.of(), 2));
        assertThat(agent.metrics().reconnects()).isEqualTo(1);
        assertThat(agent.metrics().dropped()).isEqualTo(2);
    }

    @Test
    void statusesPublishedWhileConnectedAreSentAtOnce() {
        connect(settings().build());
        awaitConnected();

        agent.publish(SampleMessages.environmentStatus());
        agent.publish(status("a", "Healthy", 41));

        await().until(() -> controlPlane.receivedOf(ResourceStatus.class).size() == 1);
        assertThat(controlPlane.receivedOf(io.qdranthybrid.protocol.message.EnvironmentStatus.class))
                .containsExactly(SampleMessages.environmentStatus());
    }

    @Test
    void telemetryTooLargeForOneMessageIsSplitAndAllOfItArrives() {
        connect(settings().maxMessageBytes(2048).build());
        awaitConnected();

        for (int i = 1; i <= 40; i++) {
            agent.publish(metric(i));
        }

        await().until(() -> controlPlane.receivedOf(Telemetry.class).stream().mapToInt(t -> t.metrics().size()).sum() == 40);
        assertThat(controlPlane.receivedOf(Telemetry.class)).hasSizeGreaterThan(1)
                .flatExtracting(Telemetry::metrics).doesNotHaveDuplicates();
        assertThat(agent.metrics().dropped()).isZero();
    }

    @Test
    void aStatusTooLargeForAnyFrameArrivesAsATruncatedMarkerAndTheDropIsCountedAndReported() {
        connect(settings().maxMessageBytes(2048).build());
        awaitConnected();
        ResourceStatus huge = new ResourceStatus(SampleMessages.clusterKey("a"), 7,
                SampleMessages.json("{\"phase\":\"Healthy\",\"detail\":\"" + "x".repeat(4000) + "\"}"), SampleMessages.T0);

        agent.publish(huge);

        await().until(() -> controlPlane.receivedOf(ResourceStatus.class).size() == 1);
        ResourceStatus marker = controlPlane.receivedOf(ResourceStatus.class).get(0);
        assertThat(marker.key()).isEqualTo(huge.key());
        assertThat(marker.status().path("truncated").asBoolean()).isTrue();
        assertThat(marker.status().path("phase").asText()).isEqualTo("Healthy");
        assertThat(marker.status().path("message").asText()).contains("too large");
        assertThat(agent.metrics().dropped()).isEqualTo(1);
        agent.publish(metric(1));
        await().until(() -> controlPlane.receivedOf(Telemetry.class).stream().anyMatch(t -> t.droppedItems() == 1));
    }

    @Test
    void theAgentHeartbeatsAndGivesUpOnASilentControlPlane() {
        controlPlane.heartbeatInterval = Duration.ofMillis(100);
        controlPlane.heartbeatTimeout = Duration.ofMillis(400);
        connect(settings().build());

        await().until(() -> controlPlane.receivedOf(Heartbeat.class).size() >= 2);
        await().until(() -> !listener.disconnected.isEmpty());

        assertThat(listener.disconnected.get(0)).contains("no traffic from the control plane");
        await().until(() -> controlPlane.upgrades.get() >= 2);
    }

    @Test
    void aControlPlaneThatNeverAnswersTheHelloFailsTheAttemptAfterTheHandshakeTimeout() {
        controlPlane.answerHellos = false;
        connect(settings().handshakeTimeout(Duration.ofMillis(300)).build());

        await().until(() -> !listener.failures.isEmpty());

        assertThat(listener.failures.get(0)).isInstanceOf(java.util.concurrent.TimeoutException.class);
        await().until(() -> controlPlane.receivedOf(Hello.class).size() >= 2);
        assertThat(listener.connected).isEmpty();
    }

    @Test
    void closingFlushesBufferedStatusesAndClosesNormally() {
        connect(settings().build());
        awaitConnected();

        agent.publish(status("z", "Healthy", 41));
        agent.close(Duration.ofSeconds(2));

        assertThat(agent.state()).isEqualTo(ConnectionState.CLOSED);
        await().until(() -> controlPlane.receivedOf(ResourceStatus.class).size() == 1);
        await().until(() -> controlPlane.closeCodes.contains(1000));
    }

    @Test
    void whileAnApplyIsSlowOnlyTheLatestDesiredStateWaitsAndEveryDeliveryIsAnswered() {
        connect(settings().build());
        awaitConnected();
        java.util.concurrent.CountDownLatch slow = new java.util.concurrent.CountDownLatch(1);
        handler.slowApi = slow;
        String first = controlPlane.send(DesiredState.snapshot(50, List.of(cluster("a", 50))));
        await().until(() -> handler.waiting.get() == 1);

        // Redeliveries and newer revisions pile up while the API server is slow.
        List<String> later = new java.util.ArrayList<>();
        later.add(controlPlane.send(DesiredState.snapshot(50, List.of(cluster("a", 50)))));
        later.add(controlPlane.send(DesiredState.delta(50, 51, List.of(cluster("b", 51)))));
        later.add(controlPlane.send(DesiredState.delta(51, 52, List.of(cluster("a", 52), cluster("c", 52)))));
        for (int revision = 53; revision <= 60; revision++) {
            later.add(controlPlane.send(DesiredState.delta(revision - 1, revision, List.of(cluster("d", revision)))));
        }
        await().until(() -> agent.metrics().messagesIn() >= 13);
        slow.countDown();

        awaitReplies(Ack.class, 12);
        assertThat(handler.applied).hasSize(2);
        DesiredState merged = handler.applied.get(1);
        assertThat(merged.revision()).isEqualTo(60);
        assertThat(merged.resources()).extracting(r -> r.key().name() + "@" + r.revision())
                .containsExactlyInAnyOrder("b@51", "a@52", "c@52", "d@60");
        assertThat(controlPlane.receivedOf(Ack.class)).extracting(Ack::ref).contains(first).containsAll(later);
        assertThat(ledger.lastAppliedRevision()).isEqualTo(60);
    }

    @Test
    void commandsBeyondTheQueuesCapacityAreAnsweredUnavailable() {
        connect(settings().build());
        awaitConnected();
        java.util.concurrent.CountDownLatch slow = new java.util.concurrent.CountDownLatch(1);
        handler.slowApi = slow;
        int sent = AgentConnection.COMMAND_QUEUE_CAPACITY + 5;
        for (int i = 0; i < sent; i++) {
            controlPlane.send(new Command("cmd-" + i, "collect", null));
        }

        List<Nack> refused = await().until(() -> controlPlane.receivedOf(Nack.class), nacks -> nacks.size() >= 4);
        assertThat(refused).extracting(Nack::reason).containsOnly(NackReason.UNAVAILABLE);
        assertThat(refused.get(0).message()).contains("commands waiting already");
        slow.countDown();
        await().until(() -> controlPlane.receivedOf(Ack.class).size() + controlPlane.receivedOf(Nack.class).size() == sent);
        assertThat(agent.state()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void aRefusedAgentReadsItsAccessKeyAgainBeforeReconnecting() {
        AccessKey rotated = AccessKey.parse(java.util.UUID.randomUUID() + "|rotated-secret");
        java.util.concurrent.atomic.AtomicReference<AccessKey> file =
                new java.util.concurrent.atomic.AtomicReference<>(SampleMessages.ACCESS_KEY);
        controlPlane.authenticator = hello -> hello.accessKey().equals(rotated) ? null
                : new Refused(RefusalReason.KEY_ROTATED, "this key was rotated");
        connect(settings().backoff(new BackoffPolicy(Duration.ofMillis(50), Duration.ofMillis(100),
                Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMillis(100)))
                .accessKeySource(file::get).build());
        await().until(() -> agent.lastRefusal().isPresent());

        file.set(rotated);

        awaitConnected();
        assertThat(controlPlane.receivedOf(Hello.class)).extracting(Hello::accessKey).startsWith(SampleMessages.ACCESS_KEY)
                .endsWith(rotated);
        assertThat(agent.lastRefusal()).isEmpty();
    }

    @Test
    void terminalRefusalsBackOffExponentiallyUpToTheCapAndAreLoggedOncePerChange() {
        PrintStream originalErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            controlPlane.authenticator = hello -> new Refused(RefusalReason.BAD_ACCESS_KEY, "unknown key");
            connect(settings().backoff(new BackoffPolicy(Duration.ofMillis(50), Duration.ofMillis(100),
                    Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMillis(20), Duration.ofMillis(160)))
                    .accessKeySource(() -> SampleMessages.ACCESS_KEY).build());
            await().until(() -> listener.refusalDelays.size() >= 6);
            agent.close(Duration.ofSeconds(2));
            agent = null;
        } finally {
            System.setErr(originalErr);
        }

        List<Duration> delays = List.copyOf(listener.refusalDelays);
        for (int i = 0; i < delays.size(); i++) {
            long ceiling = Math.min(160, 20L << i);
            assertThat(delays.get(i).toMillis()).as("delay after refusal %d", i + 1)
                    .isBetween(ceiling / 2, ceiling / 2 + ceiling);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertThat(logs.split("Control plane refused environment", -1)).as("refusals logged").hasSize(2);
        assertThat(logs.split("Connecting to control plane", -1)).as("dials logged").hasSize(2);
    }

    @Test
    void theAccessKeyNeverAppearsInTheLogs() {
        PrintStream originalErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            controlPlane.authenticator = hello -> controlPlane.upgrades.get() == 1
                    ? new Refused(RefusalReason.UNAVAILABLE, "try again") : null;
            AgentConnectionSettings settings = settings().build();
            connect(settings);
            awaitConnected();
            agent.close(Duration.ofSeconds(2));
            agent = null;
            System.err.println(settings);
        } finally {
            System.setErr(originalErr);
        }

        String logs = captured.toString(StandardCharsets.UTF_8);
        assertThat(logs).contains("sending Hello[").contains("refused").contains("Session session-2 established");
        assertThat(logs).doesNotContain(SampleMessages.SECRET);
    }
}
