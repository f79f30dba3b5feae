package io.qdranthybrid.samples.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.qdranthybrid.platform.access.AccessKeys;
import io.qdranthybrid.platform.bootstrap.BootstrapCommands;
import io.qdranthybrid.platform.environment.Environment;
import io.qdranthybrid.platform.environment.EnvironmentPhase;
import io.qdranthybrid.platform.session.AgentGateway;
import io.qdranthybrid.platform.session.CommandResult;
import io.qdranthybrid.protocol.client.ConnectionState;
import io.qdranthybrid.protocol.message.ResourceKey;
import io.qdranthybrid.protocol.message.ResourceKind;
import io.qdranthybrid.protocol.message.ResourceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample platform as two replicas behind a load balancer: two Micronaut servers on one PostgreSQL database, an
 * agent connected to either. What a platform team notices: it does not matter which replica the operator's call or
 * the agent's connection lands on.
 */
class SampleReplicasTest {

    private static final Duration DELIVERY = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApplicationContext replicaA;
    private ApplicationContext replicaB;
    private RecordingAgent agent;

    @BeforeEach
    void startReplicas() {
        Map<String, Object> database = TestDatabases.freshDatabase();
        replicaA = startReplica(database);
        replicaB = startReplica(database);
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        replicaB.close();
        replicaA.close();
    }

    @Test
    void anEnvironmentOnboardedOnOneReplicaIsServedByTheOther() throws Exception {
        Onboarding onA = replicaA.getBean(Onboarding.class);
        Environment environment = onA.register("customer-prod", "customer");
        BootstrapCommands bootstrap = onA.bootstrap(environment.id(), agentUrl(replicaA));
        onA.createCluster(environment.id(), "shop", 3, "v1.12.3");

        agent = agentOnB(bootstrap);

        await().atMost(DELIVERY).untilAsserted(() -> assertThat(agent.received()).contains("qdrant-shop"));
        assertThat(agent.connection.state()).isEqualTo(ConnectionState.CONNECTED);
        agent.connection.publish(new ResourceStatus(new ResourceKey(ResourceKind.CLUSTER, "customer", "qdrant-shop"),
                1, JSON.readTree("{\"phase\":\"Healthy\"}"), Instant.now()));
        await().atMost(DELIVERY).untilAsserted(() ->
                assertThat(onA.clusterPhase(environment.id(), "shop")).as("reported through B, read on A")
                        .hasValue("Healthy"));
        assertThat(onA.health(environment.id()).phase()).as("A knows the agent B talks to")
                .isNotEqualTo(EnvironmentPhase.UNKNOWN);
    }

    @Test
    void theEnvironmentOutlivesTheReplicaThatCreatedIt() {
        Onboarding onA = replicaA.getBean(Onboarding.class);
        Environment environment = onA.register("kept", "kept-ns");
        BootstrapCommands bootstrap = onA.bootstrap(environment.id(), agentUrl(replicaA));
        onA.createCluster(environment.id(), "kept", 1, "v1.12.3");
        replicaA.close();

        agent = agentOnB(bootstrap);

        await().atMost(DELIVERY).untilAsserted(() -> assertThat(agent.received()).contains("qdrant-kept"));
        assertThat(replicaB.getBean(Onboarding.class).health(environment.id()).phase())
                .isNotEqualTo(EnvironmentPhase.UNKNOWN);
    }

    @Test
    void aChangeMadeThroughOneReplicaReachesTheAgentConnectedToTheOther() {
        Onboarding onA = replicaA.getBean(Onboarding.class);
        Environment environment = onA.register("customer-prod", "customer");
        BootstrapCommands bootstrap = onA.bootstrap(environment.id(), agentUrl(replicaA));
        onA.createCluster(environment.id(), "first", 1, "v1.12.3");
        agent = agentOnB(bootstrap);
        await().atMost(DELIVERY).untilAsserted(() -> assertThat(agent.received()).contains("qdrant-first"));

        onA.createCluster(environment.id(), "second", 3, "v1.12.3");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(agent.received()).as("pushed by B, heard from A through the database")
                        .contains("qdrant-second"));
    }

    @Test
    void aKeyRotatedOnOneReplicaCutsTheSessionOnTheOther() {
        Onboarding onA = replicaA.getBean(Onboarding.class);
        Environment environment = onA.register("customer-prod", "customer");
        BootstrapCommands bootstrap = onA.bootstrap(environment.id(), agentUrl(replicaA));
        connectAgentToB(bootstrap);

        replicaA.getBean(AccessKeys.class).issue(environment.id());

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(agent.connection.state()).isNotEqualTo(ConnectionState.CONNECTED);
            assertThat(replicaB.getBean(AgentGateway.class).sessionOf(environment.id())).isEmpty();
        });
    }

    @Test
    void theAgentsPresenceReadsTheSameOnBothReplicasAndEndsWithItsReplica() {
        Onboarding onA = replicaA.getBean(Onboarding.class);
        Environment environment = onA.register("customer-prod", "customer");
        BootstrapCommands bootstrap = onA.bootstrap(environment.id(), agentUrl(replicaA));
        connectAgentToB(bootstrap);

        AgentGateway onB = replicaB.getBean(AgentGateway.class);
        AgentGateway gatewayA = replicaA.getBean(AgentGateway.class);
        await().atMost(DELIVERY).untilAsserted(() -> {
            assertThat(gatewayA.presence(environment.id()).connected()).as("A asked about B's agent").isTrue();
            assertThat(onB.presence(environment.id()).connected()).isTrue();
        });
        assertThat(gatewayA.sessionOf(environment.id())).as("the session itself is on B").isEmpty();

        agent.close();
        agent = null;

        await().atMost(DELIVERY).untilAsserted(() ->
                assertThat(gatewayA.presence(environment.id()).connected()).as("A learns the agent left B").isFalse());
    }

    @Test
    void aCommandSentThroughOneReplicaRunsOnTheAgentOnTheOtherAndAnswersThere() throws Exception {
        Onboarding onA = replicaA.getBean(Onboarding.class);
        Environment environment = onA.register("customer-prod", "customer");
        BootstrapCommands bootstrap = onA.bootstrap(environment.id(), agentUrl(replicaA));
        connectAgentToB(bootstrap);

        CommandResult result = replicaA.getBean(AgentGateway.class)
                .sendCommand(environment.id(), "collect-diagnostics", JSON.createObjectNode())
                .get(DELIVERY.toSeconds(), TimeUnit.SECONDS);

        assertThat(result).isInstanceOf(CommandResult.Completed.class);
        assertThat(agent.ran()).containsExactly("collect-diagnostics");
    }

    /** What the bootstrap commands install, dialling replica B. */
    private RecordingAgent agentOnB(BootstrapCommands bootstrap) {
        return new RecordingAgent(agentUrl(replicaB), bootstrap.environmentId(), bootstrap.accessKey());
    }

    private void connectAgentToB(BootstrapCommands bootstrap) {
        agent = agentOnB(bootstrap);
        await().atMost(DELIVERY).until(() -> agent.connection.state() == ConnectionState.CONNECTED);
    }

    private static ApplicationContext startReplica(Map<String, Object> database) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("micronaut.server.port", -1);
        properties.put("micronaut.server.host", "127.0.0.1");
        return ApplicationContext.run(EmbeddedServer.class, properties).getApplicationContext();
    }

    private static URI agentUrl(ApplicationContext replica) {
        return CustomPlatform.agentUrl(replica.getBean(EmbeddedServer.class));
    }
}
