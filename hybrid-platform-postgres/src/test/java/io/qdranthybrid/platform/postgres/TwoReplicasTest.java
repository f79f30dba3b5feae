package io.qdranthybrid.platform.postgres;

import io.qdranthybrid.platform.PlatformFixture;
import io.qdranthybrid.platform.desired.DesiredStateStore;
import io.qdranthybrid.platform.environment.AgentPresence;
import io.qdranthybrid.platform.environment.Environment;
import io.qdranthybrid.platform.environment.EnvironmentConfiguration;
import io.qdranthybrid.platform.environment.EnvironmentPhase;
import io.qdranthybrid.platform.session.AgentSession;
import io.qdranthybrid.platform.session.CommandResult;
import io.qdranthybrid.protocol.message.Command;
import io.qdranthybrid.protocol.client.AgentConnection;
import io.qdranthybrid.protocol.client.AgentConnectionSettings;
import io.qdranthybrid.protocol.client.ConnectionState;
import io.qdranthybrid.protocol.delivery.ApplyLedger;
import io.qdranthybrid.protocol.message.AccessKey;
import io.qdranthybrid.protocol.message.ComponentPhase;
import io.qdranthybrid.protocol.message.DesiredResource;
import io.qdranthybrid.protocol.message.RefusalReason;
import io.qdranthybrid.protocol.message.ResourceKind;
import io.qdranthybrid.protocol.session.BackoffPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

import static io.qdranthybrid.platform.PlatformFixture.clusterManifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas of a control plane on one PostgreSQL, an agent (the SDK's {@link AgentConnection}) connected through a
 * load balancer to one of them: what a user does through either replica reaches the agent, and the environment reads
 * the same from both.
 */
class TwoReplicasTest {

    static final BackoffPolicy FAST = new BackoffPolicy(Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMillis(300));

    private DataSource database;
    private ControlPlaneReplica replicaA;
    private ControlPlaneReplica replicaB;
    private LoadBalancer loadBalancer;
    private final List<AgentConnection> agents = new ArrayList<>();
    private Environment environment;
    private AccessKey key;

    @BeforeEach
    void twoReplicas() throws Exception {
        database = TestPostgres.emptied();
        replicaA = TestPostgres.replica("replica-a");
        replicaB = TestPostgres.replica("replica-b");
        loadBalancer = new LoadBalancer();
        environment = replicaA.registry.create("prod", "qdrant", EnvironmentConfiguration.defaults());
        key = replicaA.keys.issue(environment.id());
    }

    @AfterEach
    void stop() throws Exception {
        agents.forEach(agent -> agent.close(Duration.ofSeconds(2)));
        replicaA.close();
        replicaB.close();
        loadBalancer.close();
    }

    private AgentConnection agentThrough(ControlPlaneReplica replica, RecordingAgent core) {
        loadBalancer.routeTo(replica);
        AgentConnection agent = new AgentConnection(AgentConnectionSettings.builder(loadBalancer.url(),
                environment.id(), key, "0.1.0").backoff(FAST).allowInsecure(true).build(), core, null,
                new ApplyLedger());
        agents.add(agent);
        agent.start();
        await().until(() -> replica.gateway.sessionOf(environment.id()).isPresent());
        return agent;
    }

    private long acknowledgedOn(ControlPlaneReplica replica) {
        return replica.gateway.sessionOf(environment.id()).map(AgentSession::acknowledgedRevision).orElse(-1L);
    }

    @Test
    void changesSavedThroughOneReplicaReachTheAgentOnTheOtherOnceEachAndInOrder() {
        RecordingAgent core = new RecordingAgent();
        agentThrough(replicaB, core);
        DesiredStateStore onA = replicaA.stores.forEnvironment(environment.id());

        IntStream.rangeClosed(1, 20).forEach(i -> onA.put(ResourceKind.CLUSTER, "c" + i, clusterManifest("c" + i, 1)));

        await().until(() -> acknowledgedOn(replicaB) == 20);
        assertThat(core.applied).extracting(DesiredResource::revision).isSorted().doesNotHaveDuplicates()
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 20).mapToObj(Long::valueOf).toList());
        assertThat(core.applied).extracting(r -> r.key().name())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 20).mapToObj(i -> "c" + i).toList());
    }

    @Test
    void rotatingTheKeyOnOneReplicaCutsTheSessionOnTheOther() {
        AgentConnection agent = agentThrough(replicaB, new RecordingAgent());

        replicaA.keys.issue(environment.id());

        await().until(() -> agent.lastRefusal().map(r -> r.reason() == RefusalReason.KEY_ROTATED).orElse(false));
        assertThat(replicaB.gateway.sessionOf(environment.id())).isEmpty();
        await().until(() -> replicaA.gateway.presence(environment.id()).state() == AgentPresence.State.REFUSED);
    }

    @Test
    void aDeadReplicasAgentReadsUnknownOnTheOtherUntilItReconnectsThere() {
        AgentConnection agent = agentThrough(replicaA, new RecordingAgent());
        agent.publish(PlatformFixture.environmentStatus(Instant.now(), ComponentPhase.READY, ComponentPhase.READY));
        await().until(() -> replicaB.health(environment.id()).phase() == EnvironmentPhase.READY);

        loadBalancer.routeTo(null);
        replicaA.die();

        await().atMost(Duration.ofSeconds(10)).until(() -> replicaB.health(environment.id()).phase() == EnvironmentPhase.UNKNOWN);
        assertThat(replicaB.health(environment.id()).message()).contains("replica-a stopped renewing");

        loadBalancer.routeTo(replicaB);
        await().until(() -> agent.state() == ConnectionState.CONNECTED);
        await().until(() -> replicaB.health(environment.id()).phase() == EnvironmentPhase.READY);
    }

    @Test
    void aCommandSentThroughOneReplicaRunsOnceOnTheAgentOfTheOtherAndItsAnswerComesBack() throws Exception {
        RecordingAgent core = new RecordingAgent();
        agentThrough(replicaB, core);

        CommandResult result = replicaA.gateway.sendCommand(environment.id(), "restart-cluster", null)
                .get(ControlPlaneReplica.COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        assertThat(result).isInstanceOf(CommandResult.Completed.class);
        assertThat(core.commands).extracting(Command::commandId).containsExactly(result.commandId());
    }

    @Test
    void aCommandNobodyAnswersFailsWithATimeoutAndIsNotDeliveredAfter() {
        CompletableFuture<CommandResult> unanswered = replicaA.gateway.sendCommand(environment.id(), "restart-cluster",
                null);

        await().atMost(ControlPlaneReplica.COMMAND_TIMEOUT.plusSeconds(5)).until(unanswered::isDone);
        assertThatThrownBy(unanswered::join).hasCauseInstanceOf(TimeoutException.class)
                .hasMessageContaining("did not answer command").hasMessageContaining("will not be sent again");
        RecordingAgent core = new RecordingAgent();
        agentThrough(replicaB, core);
        assertThat(core.commands).isEmpty();
    }

    @Test
    void aNotificationMissedWhileTheListenerWasDownIsCaughtUpWhenItIsBack() throws Exception {
        RecordingAgent core = new RecordingAgent();
        agentThrough(replicaB, core);
        replicaB.cutListener(true);
        ControlPlaneReplica.dropListener(database, "replica-b");
        await().until(() -> !replicaB.notifications.connected());

        long revision = replicaA.stores.forEnvironment(environment.id()).put(ResourceKind.CLUSTER, "missed",
                clusterManifest("missed", 1));
        replicaB.cutListener(false);

        await().until(() -> acknowledgedOn(replicaB) == revision);
        assertThat(core.applied).extracting(r -> r.key().name()).containsExactly("missed");
    }
}
