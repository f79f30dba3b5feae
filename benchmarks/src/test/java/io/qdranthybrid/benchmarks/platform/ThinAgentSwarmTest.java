package io.qdranthybrid.benchmarks.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdranthybrid.platform.environment.Environment;
import io.qdranthybrid.platform.environment.EnvironmentConfiguration;
import io.qdranthybrid.platform.session.AgentSession;
import io.qdranthybrid.platform.session.SessionSettings;
import io.qdranthybrid.protocol.message.AccessKey;
import io.qdranthybrid.protocol.message.ResourceKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The thin load generator holds real sessions on the SDK's gateway: Welcomed, acknowledging each revision. */
class ThinAgentSwarmTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void agentsAreWelcomedAndAcknowledgeEveryRevisionTheGatewaySends() throws Exception {
        SessionSettings settings = SessionSettings.DEFAULT.withHeartbeat(Duration.ofMillis(200), Duration.ofSeconds(2));
        try (GatewayHost host = new GatewayHost(settings).start()) {
            Environment first = host.registry.create("env-1", "qdrant", EnvironmentConfiguration.defaults());
            Environment second = host.registry.create("env-2", "qdrant", EnvironmentConfiguration.defaults());
            long firstRevision = put(host, first, 3);
            put(host, second, 3);
            ThinAgentSwarm swarm = new ThinAgentSwarm(false);
            try {
                swarm.join(List.of(host.url()), first.id(), host.keys.issue(first.id()));
                swarm.join(List.of(host.url()), second.id(), host.keys.issue(second.id()));

                await().atMost(Duration.ofSeconds(20)).until(() -> swarm.connected() == 2);
                await().atMost(Duration.ofSeconds(20)).until(() -> acknowledged(host, first) == firstRevision);

                long changed = put(host, first, 5);
                assertThat(changed).isGreaterThan(firstRevision);
                await().atMost(Duration.ofSeconds(20)).until(() -> acknowledged(host, first) == changed);
                assertThat(host.gateway().openSessions()).isEqualTo(2);
            } finally {
                swarm.close();
            }
        }
    }

    private static long put(GatewayHost host, Environment environment, int size) throws Exception {
        return host.stores.forEnvironment(environment.id()).put(ResourceKind.CLUSTER, "cluster", JSON.readTree("""
                {"apiVersion":"qdrant.io/v1","kind":"QdrantCluster",
                 "metadata":{"name":"cluster","namespace":"qdrant"},
                 "spec":{"id":"c1","version":"v1.12.3","size":%d}}""".formatted(size)));
    }

    private static long acknowledged(GatewayHost host, Environment environment) {
        return host.gateway().sessionOf(environment.id()).map(AgentSession::acknowledgedRevision).orElse(-1L);
    }
}
