package io.qdranthybrid.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterStatus;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.platform.access.AccessKeys;
import io.qdranthybrid.platform.access.InMemoryAccessKeyStore;
import io.qdranthybrid.platform.desired.DesiredStateStores;
import io.qdranthybrid.platform.environment.Environment;
import io.qdranthybrid.platform.environment.EnvironmentConfiguration;
import io.qdranthybrid.platform.environment.InMemoryEnvironmentRegistry;
import io.qdranthybrid.platform.session.AgentGateway;
import io.qdranthybrid.platform.session.AgentWebSocketListener;
import io.qdranthybrid.platform.sink.InMemoryStatusSink;
import io.qdranthybrid.protocol.message.AccessKey;
import io.qdranthybrid.protocol.message.ResourceKind;
import io.qdranthybrid.protocol.client.AgentConnectionSettings;
import io.qdranthybrid.protocol.session.BackoffPolicy;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Both ends of our protocol together, no fakes: the SDK's platform gateway on a real WebSocket, and the SDK's
 * cloud agent in a simulated cluster dialling out to it. What the control plane stores becomes a custom
 * resource; what happens to the resource comes back as status.
 */
class AgentMeetsPlatformTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SimulatedCluster cluster;
    private MockWebServer server;
    private AgentGateway gateway;
    private CloudAgent agent;
    private KubernetesClient agentClient;

    @BeforeEach
    void start() throws Exception {
        cluster = SimulatedCluster.start();
        server = new MockWebServer();
    }

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (agentClient != null) {
            agentClient.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        server.shutdown();
        cluster.close();
    }

    @Test
    void desiredClusterBecomesAResourceAndItsStatusComesBack() throws Exception {
        String namespace = cluster.createNamespace("e2e");
        InMemoryEnvironmentRegistry registry = new InMemoryEnvironmentRegistry();
        AccessKeys keys = new AccessKeys(new InMemoryAccessKeyStore(), java.time.Clock.systemUTC());
        DesiredStateStores stores = new DesiredStateStores(registry);
        InMemoryStatusSink statuses = new InMemoryStatusSink();
        gateway = AgentGateway.builder(registry, keys, stores).statusSink(statuses).build();
        gateway.start();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse().withWebSocketUpgrade(new AgentWebSocketListener(gateway));
            }
        });
        server.start();
        Environment environment = registry.create("e2e", namespace, EnvironmentConfiguration.defaults());
        AccessKey key = keys.issue(environment.id());

        agentClient = cluster.newClient(namespace, "qdrant-cloud-agent");
        agent = CloudAgent.builder(agentClient, namespace, AgentConnectionSettings.builder(
                        URI.create("ws://127.0.0.1:" + server.getPort() + "/agent"), environment.id(), key, "test")
                        .allowInsecure(true)
                        .backoff(new BackoffPolicy(Duration.ofMillis(50), Duration.ofMillis(300), Duration.ofSeconds(30),
                                Duration.ofMillis(100), Duration.ofSeconds(1)))
                        .build())
                .build();
        agent.start();

        stores.forEnvironment(environment.id()).put(ResourceKind.CLUSTER, "qdrant-e2e", manifest(namespace));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            QdrantCluster applied = cluster.client().resources(QdrantCluster.class).inNamespace(namespace)
                    .withName("qdrant-e2e").get();
            assertThat(applied).isNotNull();
            assertThat(applied.getSpec().getSize()).isEqualTo(3);
            assertThat(applied.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "qdrant-cloud-agent");
        });

        QdrantCluster applied = cluster.client().resources(QdrantCluster.class).inNamespace(namespace)
                .withName("qdrant-e2e").get();
        applied.setStatus(new QdrantClusterStatus());
        applied.getStatus().setPhase(ClusterPhase.HEALTHY);
        cluster.client().resource(applied).updateStatus();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(statuses.statuses(environment.id()))
                .anySatisfy(status -> {
                    assertThat(status.key().name()).isEqualTo("qdrant-e2e");
                    assertThat(status.status().path("phase").asText()).isEqualTo("Healthy");
                }));
        assertThat(agent.lastAppliedRevision()).isEqualTo(1L);
    }

    private static JsonNode manifest(String namespace) throws Exception {
        return JSON.readTree("""
                {"apiVersion":"qdrant.io/v1","kind":"QdrantCluster",
                 "metadata":{"name":"qdrant-e2e","namespace":"%s","labels":{"cluster-id":"e2e"}},
                 "spec":{"id":"e2e","version":"v1.12.3","size":3}}""".formatted(namespace));
    }
}
