package io.qdranthybrid.platform.session;

import io.qdranthybrid.platform.PlatformFixture;
import io.qdranthybrid.platform.desired.InMemoryDesiredStateRepository;
import io.qdranthybrid.platform.environment.Environment;
import io.qdranthybrid.protocol.client.AgentConnection;
import io.qdranthybrid.protocol.client.AgentConnectionSettings;
import io.qdranthybrid.protocol.client.ConnectionState;
import io.qdranthybrid.protocol.delivery.ApplyLedger;
import io.qdranthybrid.protocol.delivery.QueryAnswerAssembly;
import io.qdranthybrid.protocol.delivery.QueryAnswerChunks;
import io.qdranthybrid.protocol.message.AccessKey;
import io.qdranthybrid.protocol.message.QueryError;
import io.qdranthybrid.protocol.session.BackoffPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.qdranthybrid.protocol.SampleMessages.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Reads on request through the gateway, a real WebSocket and the agent's real connection: chunks, bounds, errors. */
class AgentGatewayQueryTest {

    private static final BackoffPolicy FAST = new BackoffPolicy(Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMillis(300));
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private PlatformFixture platform;
    private PlatformWebSocketServer server;
    private AgentConnection agent;
    private Environment environment;
    private AccessKey key;

    @BeforeEach
    void start() throws Exception {
        platform = new PlatformFixture(Clock.systemUTC(), SessionSettings.DEFAULT
                .withHeartbeat(Duration.ofSeconds(1), Duration.ofSeconds(5)), 100, new InMemoryDesiredStateRepository());
        server = new PlatformWebSocketServer(() -> new AgentWebSocketListener(platform.gateway)).start();
        platform.gateway.start();
        environment = platform.environment("prod", "qdrant");
        key = platform.keys.issue(environment.id());
    }

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close(Duration.ofSeconds(2));
        }
        platform.gateway.close();
        server.close();
    }

    private void connectAgent() {
        agent = new AgentConnection(AgentConnectionSettings.builder(server.url(), environment.id(), key, "0.1.0")
                .backoff(FAST).allowInsecure(true).build(), new TestAgentHandler(), null, new ApplyLedger());
        agent.start();
        await().until(() -> agent.state() == ConnectionState.CONNECTED
                && platform.gateway.sessionOf(environment.id()).isPresent());
    }

    private QueryAnswerAssembly.Answered ask(String name, String args) throws Exception {
        return platform.gateway.query(environment.id(), name, json(args), TIMEOUT).get(20, TimeUnit.SECONDS);
    }

    @Test
    void anAnswerLargerThanOneChunkArrivesWholeInManyChunks() throws Exception {
        connectAgent();
        long framesBefore = agent.metrics().messagesOut();

        QueryAnswerAssembly.Answered answer = ask("repeat", "{\"text\":\"0123456789\",\"times\":30000}");

        assertThat(answer.data()).hasSize(300_000).isEqualTo("0123456789".repeat(30_000));
        assertThat(answer.truncated()).isFalse();
        assertThat(agent.metrics().messagesOut() - framesBefore).as("chunks sent")
                .isGreaterThanOrEqualTo(300_000 / QueryAnswerChunks.DEFAULT_CHUNK_BYTES + 1);
    }

    @Test
    void anAnswerBeyondTheBoundIsTruncatedAndSaysSo() throws Exception {
        connectAgent();

        QueryAnswerAssembly.Answered answer = ask("repeat", "{\"text\":\"x\",\"times\":2000000}");

        assertThat(answer.truncated()).isTrue();
        assertThat(answer.data()).hasSize(QueryAnswerChunks.DEFAULT_MAX_ANSWER_BYTES);
    }

    @Test
    void anUnknownQueryIsAnsweredUnsupportedAndTheSessionLivesOn() throws Exception {
        connectAgent();
        String session = platform.gateway.sessionOf(environment.id()).orElseThrow().sessionId();

        assertThatThrownBy(() -> ask("cluster-metrics", "{}")).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(QueryFailedException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(QueryError.Code.UNSUPPORTED);
                    assertThat(e.getMessage()).contains("cluster-metrics");
                });
        assertThat(ask("repeat", "{\"text\":\"still here\"}").data()).isEqualTo("still here");
        assertThat(platform.gateway.sessionOf(environment.id()).orElseThrow().sessionId()).isEqualTo(session);
    }

    @Test
    void anAgentThatIsNotConnectedIsAClearErrorAtOnce() {
        assertThatThrownBy(() -> ask("repeat", "{}")).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(AgentNotConnectedException.class, e ->
                        assertThat(e.getMessage()).contains("has not connected yet"));
    }
}
