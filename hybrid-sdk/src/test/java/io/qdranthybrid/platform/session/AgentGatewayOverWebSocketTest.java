package io.qdranthybrid.platform.session;

import io.qdranthybrid.platform.PlatformFixture;
import io.qdranthybrid.platform.desired.DesiredStateRepository;
import io.qdranthybrid.platform.desired.DesiredStateStore;
import io.qdranthybrid.platform.desired.FileDesiredStateRepository;
import io.qdranthybrid.platform.desired.InMemoryDesiredStateRepository;
import io.qdranthybrid.platform.environment.Environment;
import io.qdranthybrid.platform.environment.EnvironmentPhase;
import io.qdranthybrid.platform.environment.EnvironmentStatusRollup;
import io.qdranthybrid.platform.sink.ResourceRejection;
import io.qdranthybrid.protocol.SampleMessages;
import io.qdranthybrid.protocol.client.AgentConnection;
import io.qdranthybrid.protocol.client.AgentConnectionSettings;
import io.qdranthybrid.protocol.client.ConnectionListener;
import io.qdranthybrid.protocol.client.ConnectionState;
import io.qdranthybrid.protocol.delivery.ApplyLedger;
import io.qdranthybrid.protocol.message.AccessKey;
import io.qdranthybrid.protocol.message.ComponentPhase;
import io.qdranthybrid.protocol.message.DesiredState;
import io.qdranthybrid.protocol.message.DesiredStateMode;
import io.qdranthybrid.protocol.message.NackReason;
import io.qdranthybrid.protocol.message.RefusalReason;
import io.qdranthybrid.protocol.message.Refused;
import io.qdranthybrid.protocol.message.ResourceKey;
import io.qdranthybrid.protocol.message.ResourceKind;
import io.qdranthybrid.protocol.message.ResourceStatus;
import io.qdranthybrid.protocol.session.BackoffPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static io.qdranthybrid.platform.PlatformFixture.clusterManifest;
import static io.qdranthybrid.protocol.SampleMessages.json;
import static io.qdranthybrid.platform.PlatformFixture.secretOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The platform's gateway on a real WebSocket (MockWebServer) with the protocol's real AgentConnection dialling in. */
class AgentGatewayOverWebSocketTest {

    private static final BackoffPolicy FAST = new BackoffPolicy(Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMillis(300));
    private static final SessionSettings SETTINGS = SessionSettings.DEFAULT
            .withHeartbeat(Duration.ofSeconds(1), Duration.ofSeconds(5)).withRedeliveryInterval(Duration.ofSeconds(30));

    private PlatformFixture platform;
    private PlatformWebSocketServer server;
    private final List<AgentConnection> agents = new ArrayList<>();

    private Environment environment;
    private AccessKey key;

    private void startPlatform(SessionSettings settings, int historyLimit, boolean lossy) throws Exception {
        startPlatform(settings, historyLimit, lossy, new InMemoryDesiredStateRepository());
    }

    private void startPlatform(SessionSettings settings, int historyLimit, boolean lossy,
                               DesiredStateRepository desired) throws Exception {
        startPlatform(new PlatformFixture(Clock.systemUTC(), settings, historyLimit, desired), lossy);
    }

    private void startPlatform(PlatformFixture fixture, boolean lossy) throws Exception {
        platform = fixture;
        LossyWebSocketAdapter.reset();
        server = new PlatformWebSocketServer(lossy ? () -> new LossyWebSocketAdapter(platform.gateway)
                : () -> new AgentWebSocketListener(platform.gateway)).start();
        platform.gateway.start();
        environment = platform.environment("prod", "qdrant");
        key = platform.keys.issue(environment.id());
    }

    private void startPlatform() throws Exception {
        startPlatform(SETTINGS, 100, false);
    }

    @AfterEach
    void stop() throws Exception {
        agents.forEach(agent -> agent.close(Duration.ofSeconds(2)));
        if (platform != null) {
            platform.gateway.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private AgentConnection agent(AgentConnectionSettings settings, TestAgentHandler handler, ApplyLedger ledger,
                                  ConnectionListener listener) {
        AgentConnection agent = new AgentConnection(settings, handler, listener, ledger);
        agents.add(agent);
        agent.start();
        return agent;
    }

    private AgentConnectionSettings.Builder settings(String environmentId, AccessKey accessKey) {
        return AgentConnectionSettings.builder(server.url(), environmentId, accessKey, "0.1.0").backoff(FAST)
                .allowInsecure(true);
    }

    private AgentConnection connectedAgent(TestAgentHandler handler, ApplyLedger ledger) {
        AgentConnection agent = agent(settings(environment.id(), key).build(), handler, ledger, null);
        await().until(() -> agent.state() == ConnectionState.CONNECTED);
        return agent;
    }

    private long acknowledged() {
        return platform.gateway.sessionOf(environment.id()).map(AgentSession::acknowledgedRevision).orElse(-1L);
    }

    @Test
    void anAgentWithAValidKeyGetsTheDesiredStateAndEveryNewRevisionAndAcksThem() throws Exception {
        startPlatform();
        DesiredStateStore store = platform.stores.forEnvironment(environment.id());
        store.put(ResourceKind.CLUSTER, "a", clusterManifest("a", 1));
        store.put(ResourceKind.CLUSTER, "b", clusterManifest("b", 3));
        TestAgentHandler handler = new TestAgentHandler();

        connectedAgent(handler, new ApplyLedger());
        await().until(() -> acknowledged() == 2);
        store.put(ResourceKind.SCHEDULE, "nightly", json("{\"spec\":{\"schedule\":\"0 3 * * *\"}}"));
        await().until(() -> acknowledged() == 3);

        assertThat(handler.applied).hasSize(2);
        DesiredState snapshot = handler.applied.get(0);
        assertThat(snapshot.mode()).isEqualTo(DesiredStateMode.SNAPSHOT);
        assertThat(snapshot.resources()).extracting(r -> r.key().name()).containsExactly("a", "b");
        DesiredState delta = handler.applied.get(1);
        assertThat(delta.mode()).isEqualTo(DesiredStateMode.DELTA);
        assertThat(delta.baseRevision()).isEqualTo(2);
        assertThat(delta.resources()).extracting(r -> r.key().kind()).containsExactly(ResourceKind.SCHEDULE);
        assertThat(platform.registry.require(environment.id()).lastContactAt()).isNotNull();
    }

    @Test
    void statusesBeyondTheControlPlanesRateAreSentAgainMoreSlowlyAndAllArriveInTheSameSession() throws Exception {
        // 40 frames a second, 60 at once: far below what the agent sends by default (150 a second, 4,000 at once).
        startPlatform(new PlatformFixture(Clock.systemUTC(), SETTINGS,
                new SessionLimits(1_000, 20, Duration.ofMinutes(1), 40, 60, 10_000)), false);
        AgentConnection agent = connectedAgent(new TestAgentHandler(), new ApplyLedger());

        for (int i = 0; i < 300; i++) {
            agent.publish(new ResourceStatus(new ResourceKey(ResourceKind.CLUSTER, "qdrant", "qdrant-" + i), 1,
                    json("{\"phase\":\"Healthy\"}"), Instant.now()));
        }

        // Refused statuses used to wait in flight for the next session; now they come again once the agent slowed.
        await().atMost(Duration.ofSeconds(40)).until(() -> platform.statuses.statuses(environment.id()).size() == 300);
        assertThat(agent.metrics().sessions()).as("no reconnect needed").isEqualTo(1);
    }

    @Test
    void aWrongSecretIsRefusedAsABadAccessKey() throws Exception {
        startPlatform();
        AccessKey forged = AccessKey.parse(key.keyId() + "|guessed-secret");

        assertRefused(agent(settings(environment.id(), forged).build(), new TestAgentHandler(), new ApplyLedger(), null),
                RefusalReason.BAD_ACCESS_KEY);
    }

    @Test
    void anUnregisteredEnvironmentIsRefused() throws Exception {
        startPlatform();

        assertRefused(agent(settings(SampleMessages.ENVIRONMENT_ID, key).build(), new TestAgentHandler(),
                new ApplyLedger(), null), RefusalReason.UNKNOWN_ENVIRONMENT);
    }

    @Test
    void anAgentSpeakingNoVersionOfOursIsRefused() throws Exception {
        startPlatform();

        AgentConnection agent = agent(settings(environment.id(), key).supportedVersions(List.of(7, 8)).build(),
                new TestAgentHandler(), new ApplyLedger(), null);

        assertRefused(agent, RefusalReason.NO_COMMON_VERSION);
        assertThat(agent.lastRefusal().orElseThrow().message()).contains("[7, 8]").contains("[1]");
    }

    private void assertRefused(AgentConnection agent, RefusalReason reason) {
        await().until(() -> agent.lastRefusal().isPresent());
        assertThat(agent.lastRefusal().get().reason()).isEqualTo(reason);
        assertThat(agent.state()).isNotEqualTo(ConnectionState.CONNECTED);
        assertThat(platform.gateway.sessionOf(environment.id())).isEmpty();
    }

    @Test
    void aDesiredStateLostInTransitIsRedeliveredAfterTheReconnectAndAppliedOnce() throws Exception {
        startPlatform(SETTINGS, 100, true);
        platform.stores.forEnvironment(environment.id()).put(ResourceKind.CLUSTER, "a", clusterManifest("a", 1));
        LossyWebSocketAdapter.dropNextDesiredStateAndCut.set(true);
        TestAgentHandler handler = new TestAgentHandler();

        agent(settings(environment.id(), key).build(), handler, new ApplyLedger(), null);

        await().until(() -> acknowledged() == 1);
        assertThat(server.upgrades.get()).isEqualTo(2);
        assertThat(LossyWebSocketAdapter.desiredStateFramesSent).hasSize(2);
        assertThat(handler.timesApplied("a", 1)).isEqualTo(1);
    }

    @Test
    void anAckLostOnTheWayIsAnsweredByRedeliveryAndTheAgentDoesNotApplyTwice() throws Exception {
        startPlatform(SETTINGS.withRedeliveryInterval(Duration.ofMillis(300)), 100, true);
        platform.stores.forEnvironment(environment.id()).put(ResourceKind.CLUSTER, "a", clusterManifest("a", 1));
        LossyWebSocketAdapter.dropNextRevisionAck.set(true);
        TestAgentHandler handler = new TestAgentHandler();

        connectedAgent(handler, new ApplyLedger());

        await().until(() -> acknowledged() == 1);
        assertThat(LossyWebSocketAdapter.desiredStateFramesSent).hasSizeGreaterThanOrEqualTo(2);
        assertThat(LossyWebSocketAdapter.desiredStateFramesSent).allMatch(
                frame -> frame.equals(LossyWebSocketAdapter.desiredStateFramesSent.get(0)),
                "a redelivery is the same envelope");
        assertThat(handler.timesApplied("a", 1)).isEqualTo(1);
        assertThat(LossyWebSocketAdapter.dropNextRevisionAck).isFalse();
    }

    /** 300 clusters of about 5 KB each: a desired state of about 1.5 MiB, above the 1 MiB frame limit. */
    private DesiredStateStore largeEnvironment() {
        DesiredStateStore store = platform.stores.forEnvironment(environment.id());
        for (int i = 0; i < 300; i++) {
            store.put(ResourceKind.CLUSTER, "c-" + i, json("{\"spec\":{\"id\":\"c-" + i + "\",\"size\":3,\"pad\":\""
                    + "x".repeat(5_000) + "\"}}"));
        }
        return store;
    }

    @Test
    void anEnvironmentWhoseDesiredStateExceedsTheFrameLimitSyncsCompletelyAndIsAppliedOnce() throws Exception {
        startPlatform(SETTINGS, 100, true);
        DesiredStateStore store = largeEnvironment();
        assertThat(store.snapshot().orElseThrow().resources().stream()
                .mapToInt(r -> r.manifestIfPresent().orElseThrow().toString().length()).sum())
                .isGreaterThan(SETTINGS.maxMessageBytes());
        TestAgentHandler handler = new TestAgentHandler();

        connectedAgent(handler, new ApplyLedger());

        await().until(() -> acknowledged() == 300);
        assertThat(LossyWebSocketAdapter.desiredStateFramesSent).isEmpty();
        assertThat(LossyWebSocketAdapter.partFramesSent).hasSizeGreaterThan(1)
                .allSatisfy(frame -> assertThat(frame.length()).isLessThanOrEqualTo(SETTINGS.maxMessageBytes()));
        assertThat(handler.applied).singleElement().satisfies(state -> {
            assertThat(state.revision()).isEqualTo(300);
            assertThat(state.resources()).containsExactlyElementsOf(store.snapshot().orElseThrow().resources());
        });
        assertThat(platform.statuses.rejections(environment.id())).isEmpty();
    }

    @Test
    void aPartLostInTransitDiscardsTheSeriesWhichIsRedeliveredAndAppliedOnce() throws Exception {
        startPlatform(SETTINGS.withRedeliveryInterval(Duration.ofMillis(500)), 100, true);
        largeEnvironment();
        LossyWebSocketAdapter.dropNextSecondPart.set(true);
        TestAgentHandler handler = new TestAgentHandler();

        connectedAgent(handler, new ApplyLedger());

        await().until(() -> acknowledged() == 300);
        assertThat(LossyWebSocketAdapter.dropNextSecondPart).isFalse();
        assertThat(LossyWebSocketAdapter.partFramesSent.stream().filter(f -> f.contains("\"part\":1,")))
                .as("the series went again after the broken one").hasSizeGreaterThanOrEqualTo(2);
        assertThat(server.upgrades.get()).as("no reconnect: the same session redelivered").isEqualTo(1);
        assertThat(handler.applied).singleElement().satisfies(state -> assertThat(state.resources()).hasSize(300));
        assertThat(handler.timesApplied("c-0", 1)).isEqualTo(1);
    }

    /** An agent connects, applies up to {@code revision}, and goes away; its ledger remembers. */
    private ApplyLedger applyThenDisconnect(long revision) {
        ApplyLedger ledger = new ApplyLedger();
        AgentConnection agent = connectedAgent(new TestAgentHandler(), ledger);
        await().until(() -> ledger.lastAppliedRevision() == revision && acknowledged() == revision);
        agent.close(Duration.ofSeconds(2));
        await().until(() -> platform.gateway.sessionOf(environment.id()).isEmpty());
        return ledger;
    }

    @Test
    void aReconnectingAgentGetsADeltaSinceItsLastAppliedRevision() throws Exception {
        startPlatform();
        DesiredStateStore store = platform.stores.forEnvironment(environment.id());
        store.put(ResourceKind.CLUSTER, "a", clusterManifest("a", 1));
        store.put(ResourceKind.CLUSTER, "b", clusterManifest("b", 1));
        ApplyLedger ledger = applyThenDisconnect(2);

        store.put(ResourceKind.CLUSTER, "c", clusterManifest("c", 1));
        store.delete(store.key(ResourceKind.CLUSTER, "a"));
        TestAgentHandler handler = new TestAgentHandler();
        connectedAgent(handler, ledger);

        await().until(() -> acknowledged() == 4);
        DesiredState delta = handler.applied.get(0);
        assertThat(delta.mode()).isEqualTo(DesiredStateMode.DELTA);
        assertThat(delta.baseRevision()).isEqualTo(2);
        assertThat(delta.resources()).extracting(r -> r.key().name() + (r.isTombstone() ? ":deleted" : ""))
                .containsExactly("c", "a:deleted");
    }

    @Test
    void aReconnectingAgentBehindTheHistoryGetsASnapshot() throws Exception {
        startPlatform(SETTINGS, 2, false);
        DesiredStateStore store = platform.stores.forEnvironment(environment.id());
        store.put(ResourceKind.CLUSTER, "a", clusterManifest("a", 1));
        ApplyLedger ledger = applyThenDisconnect(1);

        store.put(ResourceKind.CLUSTER, "b", clusterManifest("b", 1));
        store.put(ResourceKind.CLUSTER, "b", clusterManifest("b", 3));
        store.put(ResourceKind.CLUSTER, "b", clusterManifest("b", 5));
        TestAgentHandler handler = new TestAgentHandler();
        connectedAgent(handler, ledger);

        await().until(() -> acknowledged() == 4);
        DesiredState snapshot = handler.applied.get(0);
        assertThat(snapshot.mode()).isEqualTo(DesiredStateMode.SNAPSHOT);
        assertThat(snapshot.resources()).extracting(r -> r.key().name() + "@" + r.revision()).containsExactly("a@1", "b@4");
    }

    /** Stops the gateway (its agents are cut) and starts a new one, on the same endpoint, over {@code desired}. */
    private void restartPlatform(DesiredStateRepository desired) {
        platform.gateway.close();
        platform = platform.restarted(desired);
        platform.gateway.start();
    }

    private DesiredStateStore storeAfterTheAgentReconnected() {
        await().until(() -> platform.gateway.sessionOf(environment.id()).isPresent());
        return platform.stores.forEnvironment(environment.id());
    }

    @Test
    void aChangeAfterAControlPlaneRestartReachesTheAgentBecauseRevisionsArePersisted(@TempDir Path data)
            throws Exception {
        startPlatform(SETTINGS, 100, false, new FileDesiredStateRepository(data));
        DesiredStateStore store = platform.stores.forEnvironment(environment.id());
        store.put(ResourceKind.CLUSTER, "a", clusterManifest("a", 1));
        store.put(ResourceKind.CLUSTER, "b", clusterManifest("b", 1));
        TestAgentHandler handler = new TestAgentHandler();
        ApplyLedger ledger = new ApplyLedger();
        connectedAgent(handler, ledger);
        await().until(() -> ledger.lastAppliedRevision() == 2);

        restartPlatform(new FileDesiredStateRepository(data));
        DesiredStateStore reloaded = storeAfterTheAgentReconnected();
        assertThat(reloaded.keys()).extracting(ResourceKey::name).containsExactly("a", "b");
        reloaded.put(ResourceKind.CLUSTER, "c", clusterManifest("c", 1));

        await().until(() -> ledger.lastAppliedRevision() == 3);
        DesiredState delta = handler.applied.get(handler.applied.size() - 1);
        assertThat(delta.mode()).isEqualTo(DesiredStateMode.DELTA);
        assertThat(delta.baseRevision()).isEqualTo(2);
        assertThat(delta.resources()).extracting(r -> r.key().name()).containsExactly("c");
    }

    @Test
    void aControlPlaneThatLostItsDesiredStateRefusesTheAgentInsteadOfBelievingItsRevision() throws Exception {
        startPlatform();
        DesiredStateStore store = platform.stores.forEnvironment(environment.id());
        store.put(ResourceKind.CLUSTER, "a", clusterManifest("a", 1));
        store.put(ResourceKind.CLUSTER, "b", clusterManifest("b", 1));
        TestAgentHandler handler = new TestAgentHandler();
        ApplyLedger ledger = new ApplyLedger();
        List<Refused> refusals = new CopyOnWriteArrayList<>();
        ConnectionListener listener = new ConnectionListener() {
            @Override
            public void refused(Refused refused, Duration retryIn) {
                refusals.add(refused);
            }
        };
        agent(settings(environment.id(), key).build(), handler, ledger, listener);
        await().until(() -> ledger.lastAppliedRevision() == 2);

        restartPlatform(new InMemoryDesiredStateRepository());

        await().until(() -> !refusals.isEmpty());
        assertThat(refusals.get(0).reason()).isEqualTo(RefusalReason.PROTOCOL_VIOLATION);
        assertThat(refusals.get(0).message()).contains("revision 2").contains("state ConfigMap");
        assertThat(platform.stores.forEnvironment(environment.id()).revision()).isZero();
    }

    @Test
    void rotatingTheKeyCutsTheConnectedAgentRefusesTheOldKeyAndAcceptsTheNewOne() throws Exception {
        startPlatform();
        List<Refused> refusals = new CopyOnWriteArrayList<>();
        ConnectionListener listener = new ConnectionListener() {
            @Override
            public void refused(Refused refused, Duration retryIn) {
                refusals.add(refused);
            }
        };
        AgentConnection old = agent(settings(environment.id(), key).build(), new TestAgentHandler(), new ApplyLedger(),
                listener);
        await().until(() -> old.state() == ConnectionState.CONNECTED);

        AccessKey rotated = platform.keys.issue(environment.id());

        await().until(() -> refusals.size() >= 2);
        assertThat(refusals).extracting(Refused::reason).containsOnly(RefusalReason.KEY_ROTATED);
        assertThat(old.state()).isNotEqualTo(ConnectionState.CONNECTED);
        old.close(Duration.ofSeconds(2));

        AgentConnection fresh = agent(settings(environment.id(), rotated).build(), new TestAgentHandler(),
                new ApplyLedger(), null);
        await().until(() -> fresh.state() == ConnectionState.CONNECTED);
        assertThat(platform.gateway.sessionOf(environment.id()).flatMap(AgentSession::keyId)).contains(rotated.keyId());
    }

    @Test
    void aRejectedDesiredStateReachesTheStatusSinkAndFailsTheSyncUntilFixed() throws Exception {
        startPlatform();
        DesiredStateStore store = platform.stores.forEnvironment(environment.id());
        store.put(ResourceKind.CLUSTER, "bad", clusterManifest("bad", 0));
        AgentConnection agent = connectedAgent(new TestAgentHandler(), new ApplyLedger());
        agent.publish(PlatformFixture.environmentStatus(SampleMessages.T0, ComponentPhase.READY, ComponentPhase.READY));
        EnvironmentStatusRollup rollup = new EnvironmentStatusRollup(Clock.systemUTC());

        await().until(() -> !platform.statuses.rejections(environment.id()).isEmpty());
        ResourceRejection rejection = platform.statuses.rejections(environment.id()).get(0);
        assertThat(rejection.key()).isEqualTo(store.key(ResourceKind.CLUSTER, "bad"));
        assertThat(rejection.reason()).isEqualTo(NackReason.INVALID);
        assertThat(rejection.message()).contains("size 0 is below the minimum 1");
        await().until(() -> platform.registry.require(environment.id()).lastStatus() != null);
        assertThat(rollup.rollUp(platform.registry.require(environment.id())).phase())
                .isEqualTo(EnvironmentPhase.FAILED_TO_SYNC);

        store.put(ResourceKind.CLUSTER, "bad", clusterManifest("bad", 1));

        await().until(() -> acknowledged() == 2);
        await().until(() -> platform.statuses.rejections(environment.id()).isEmpty());
        assertThat(rollup.rollUp(platform.registry.require(environment.id())).phase()).isEqualTo(EnvironmentPhase.READY);
    }

    @Test
    void statusesAndTelemetryReachTheSinksWithTheAgentsDropCount() throws Exception {
        startPlatform();
        AgentConnection agent = new AgentConnection(settings(environment.id(), key).telemetryBuffer(5, 100).build(),
                new TestAgentHandler(), null, new ApplyLedger());
        agents.add(agent);
        IntStream.range(0, 8).forEach(i -> agent.publish(SampleMessages.metric(i)));
        ResourceStatus healthy = new ResourceStatus(new io.qdranthybrid.protocol.message.ResourceKey(ResourceKind.CLUSTER,
                "qdrant", "a"), 1, json("{\"phase\":\"Healthy\"}"), SampleMessages.T0);
        agent.publish(healthy);
        agent.publish(PlatformFixture.environmentStatus(SampleMessages.T0, ComponentPhase.READY, ComponentPhase.NOT_READY));

        agent.start();

        await().until(() -> platform.telemetry.recentMetrics(environment.id()).size() == 5);
        assertThat(platform.telemetry.droppedByAgent(environment.id())).isEqualTo(3);
        assertThat(platform.telemetry.recentMetrics(environment.id())).extracting(m -> (int) m.value())
                .containsExactly(3, 4, 5, 6, 7);
        await().until(() -> platform.statuses.latest(environment.id(), healthy.key()).isPresent());
        assertThat(platform.statuses.latest(environment.id(), healthy.key()).get().status()).isEqualTo(healthy.status());
        await().until(() -> platform.registry.require(environment.id()).lastStatus() != null);
        assertThat(new EnvironmentStatusRollup(Clock.systemUTC()).rollUp(platform.registry.require(environment.id())))
                .satisfies(h -> assertThat(h.phase()).isEqualTo(EnvironmentPhase.NOT_READY))
                .satisfies(h -> assertThat(h.message()).contains("qdrant-cluster-exporter is NOT_READY"));
        // Every report was acknowledged, so nothing waits in the agent for a resend.
        await().until(() -> agent.metrics().inFlight() == 0);
    }

    @Test
    void commandsWaitForTheAgentAndCompleteWithItsAnswer() throws Exception {
        startPlatform();
        CompletableFuture<CommandResult> restart = platform.gateway.sendCommand(environment.id(), "restart-cluster",
                json("{\"clusterId\":\"a\"}"));
        TestAgentHandler handler = new TestAgentHandler();

        connectedAgent(handler, new ApplyLedger());
        CompletableFuture<CommandResult> unknown = platform.gateway.sendCommand(environment.id(), "format-disk", null);

        CommandResult restarted = restart.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(restarted).isInstanceOf(CommandResult.Completed.class);
        assertThat(handler.commands.get(0).args().path("clusterId").asText()).isEqualTo("a");
        CommandResult refused = unknown.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(refused).isInstanceOf(CommandResult.Rejected.class);
        assertThat(((CommandResult.Rejected) refused).reason()).isEqualTo(NackReason.UNSUPPORTED);
    }

    @Test
    void keysNeverAppearInTheLogs() throws Exception {
        PrintStream originalErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        AccessKey rotated;
        try {
            startPlatform();
            AgentConnection agent = connectedAgent(new TestAgentHandler(), new ApplyLedger());
            rotated = platform.keys.issue(environment.id());
            await().until(() -> agent.lastRefusal().isPresent());
            agent.close(Duration.ofSeconds(2));
        } finally {
            System.setErr(originalErr);
        }

        String logs = captured.toString(StandardCharsets.UTF_8);
        assertThat(logs).contains("Session").contains("was rotated").contains(key.keyId().toString());
        assertThat(logs).doesNotContain(secretOf(key)).doesNotContain(secretOf(rotated));
    }

}
