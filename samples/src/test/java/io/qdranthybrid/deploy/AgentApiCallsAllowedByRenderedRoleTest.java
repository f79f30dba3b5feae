package io.qdranthybrid.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.agent.CloudAgent;
import io.qdranthybrid.crd.QdrantCluster;
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
import io.qdranthybrid.protocol.client.AgentConnectionSettings;
import io.qdranthybrid.protocol.message.AccessKey;
import io.qdranthybrid.protocol.message.ResourceKind;
import io.qdranthybrid.protocol.session.BackoffPolicy;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cloud agent, driven by the SDK's platform gateway and recording every API request it sends, applies a cluster
 * and reports its status. Everything it does in its namespace is allowed by the agent Role the production overlay
 * renders; the only other requests are the cluster-scoped reads that the optional cluster-read ClusterRole grants
 * (and that the agent survives being refused); and nothing it sends writes outside its namespace.
 */
class AgentApiCallsAllowedByRenderedRoleTest {

    @Test
    void everyRequestTheAgentMakesIsAllowedByItsRoleOrTheOptionalClusterRead() throws Exception {
        List<PolicyRule> role = Manifests.named(Kustomize.render("kustomize/examples/production"), Role.class,
                "qdrant-cloud-agent").getRules();
        List<PolicyRule> clusterRead = Manifests.named(Kustomize.render("kustomize/examples/production-cluster-read"),
                ClusterRole.class, "qdrant-cloud-agent-cluster-read").getRules();
        ApiRequestRecorder recorder = new ApiRequestRecorder();

        try (SimulatedCluster cluster = SimulatedCluster.start(); MockWebServer server = new MockWebServer()) {
            String namespace = cluster.createNamespace("agent-rbac");
            InMemoryEnvironmentRegistry registry = new InMemoryEnvironmentRegistry();
            AccessKeys keys = new AccessKeys(new InMemoryAccessKeyStore(), Clock.systemUTC());
            DesiredStateStores stores = new DesiredStateStores(registry);
            InMemoryStatusSink statuses = new InMemoryStatusSink();
            try (AgentGateway gateway = AgentGateway.builder(registry, keys, stores).statusSink(statuses).build()) {
                gateway.start();
                server.setDispatcher(new Dispatcher() {
                    @Override
                    public MockResponse dispatch(RecordedRequest request) {
                        return new MockResponse().withWebSocketUpgrade(new AgentWebSocketListener(gateway));
                    }
                });
                server.start();
                Environment environment = registry.create("rbac", namespace, EnvironmentConfiguration.defaults());
                AccessKey key = keys.issue(environment.id());
                try (KubernetesClient client = recorder.client(cluster.api().clientConfig(namespace));
                     CloudAgent agent = CloudAgent.builder(client, namespace, AgentConnectionSettings.builder(
                                     URI.create("ws://127.0.0.1:" + server.getPort() + "/agent"), environment.id(), key, "test")
                             .allowInsecure(true)
                             .backoff(new BackoffPolicy(Duration.ofMillis(50), Duration.ofMillis(300),
                                     Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofSeconds(1)))
                             .build()).build()) {
                    agent.start();
                    stores.forEnvironment(environment.id()).put(ResourceKind.CLUSTER, "qdrant-rbac",
                            new ObjectMapper().readTree("""
                                    {"apiVersion":"qdrant.io/v1","kind":"QdrantCluster",
                                     "metadata":{"name":"qdrant-rbac","labels":{"cluster-id":"rbac"}},
                                     "spec":{"id":"rbac","version":"v1.12.3","size":1}}"""));
                    await().atMost(Duration.ofSeconds(30)).until(() -> cluster.client().resources(QdrantCluster.class)
                            .inNamespace(namespace).withName("qdrant-rbac").get() != null);
                    stores.forEnvironment(environment.id()).delete(
                            stores.forEnvironment(environment.id()).key(ResourceKind.CLUSTER, "qdrant-rbac"));
                    await().atMost(Duration.ofSeconds(30)).until(() -> cluster.client().resources(QdrantCluster.class)
                            .inNamespace(namespace).withName("qdrant-rbac").get() == null);
                }
            }
            assertThat(recorder.verbsAndResources()).as("the recorder saw the agent's work")
                    .contains("create qdrantclusters", "delete qdrantclusters", "watch qdrantclusters");
            assertThat(recorder.requests()).extracting(ApiRequestAttributes::namespace)
                    .filteredOn(ns -> ns != null && !ns.isEmpty()).as("namespaced requests").containsOnly(namespace);
            // Every authenticated user may ask about its own rights: the bootstrap ClusterRole system:basic-user
            // (plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go) grants create on selfsubjectaccessreviews
            // and selfsubjectrulesreviews, so the prerequisites check needs nothing of the agent's Role for them.
            // The prerequisites check reads the operator's rights (a SubjectAccessReview, else its Role) only after a
            // SelfSubjectAccessReview said it may: this server answers as an admin, a cluster with the Role says no.
            assertThat(recorder.forbiddenBy(role)).filteredOn(request -> !isSelfReview(request)
                            && !isOperatorRightsReadAskedFirst(request))
                    .as("requests the Role forbids must be the optional cluster-scoped reads")
                    .allSatisfy(request -> {
                        assertThat(request.verb()).isIn("get", "list", "watch");
                        assertThat(RbacRuleMatcher.allows(clusterRead, request)).as("%s granted by cluster-read", request)
                                .isTrue();
                    });
        }

    }

    private static boolean isOperatorRightsReadAskedFirst(RbacRequest request) {
        return (request.verb().equals("create") && "authorization.k8s.io".equals(request.apiGroup())
                && request.resource().equals("subjectaccessreviews"))
                || (request.verb().equals("get") && "rbac.authorization.k8s.io".equals(request.apiGroup())
                && request.resource().equals("roles") && request.name().equals("qdrant-hybrid-operator"));
    }

    private static boolean isSelfReview(RbacRequest request) {
        return request.verb().equals("create") && "authorization.k8s.io".equals(request.apiGroup())
                && List.of("selfsubjectaccessreviews", "selfsubjectrulesreviews").contains(request.resource());
    }
}
