package io.qdranthybrid.agent;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.harness.kube.InjectedFailure;
import io.qdranthybrid.harness.kube.Verb;
import io.qdranthybrid.protocol.message.ComponentPhase;
import io.qdranthybrid.protocol.message.ComponentStatus;
import io.qdranthybrid.protocol.message.DesiredState;
import io.qdranthybrid.protocol.message.EnvironmentStatus;
import io.qdranthybrid.protocol.message.Hello;
import io.qdranthybrid.protocol.message.ResourceKey;
import io.qdranthybrid.protocol.message.ResourceKind;
import io.qdranthybrid.protocol.message.ResourceStatus;
import io.qdranthybrid.protocol.message.ResyncRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.qdranthybrid.agent.Manifests.cluster;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the agent tells the control plane: statuses, metrics, events, the environment; and what it leaves alone. */
class ReportingOnSimulatedClusterTest {

    private static SimulatedCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = SimulatedCluster.start();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void clusterStatusChangesReachTheControlPlaneWithMetricSamples() throws Exception {
        try (AgentTestSupport t = new AgentTestSupport(cluster, "status")) {
            t.startAgent();
            t.sendAndAwaitAck(DesiredState.snapshot(5, List.of(cluster(t.namespace, "qdrant-s1", 5, 3))));

            setStatus(t, "qdrant-s1", Map.of("phase", "Healthy", "availableNodes", 3, "currentNodes", 3));

            ResourceKey key = new ResourceKey(ResourceKind.CLUSTER, t.namespace, "qdrant-s1");
            ResourceStatus status = await().atMost(Duration.ofSeconds(10))
                    .until(() -> latestStatus(t, key, "Healthy"), Optional::isPresent).orElseThrow();
            assertThat(status.observedRevision()).isEqualTo(5);
            assertThat(status.status().path("availableNodes").asInt()).isEqualTo(3);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(t.controlPlane.metrics())
                    .anySatisfy(m -> {
                        assertThat(m.clusterId()).isEqualTo("s1");
                        assertThat(m.name()).isEqualTo(ClusterMetrics.NODES_READY);
                        assertThat(m.value()).isEqualTo(3.0);
                    })
                    .anySatisfy(m -> {
                        assertThat(m.name()).isEqualTo(ClusterMetrics.PHASE);
                        assertThat(m.labels()).containsEntry("phase", "Healthy");
                    }));
        }
    }

    @Test
    void resyncRequestReportsEveryStatusAgain() throws Exception {
        try (AgentTestSupport t = new AgentTestSupport(cluster, "resync")) {
            t.startAgent();
            t.sendAndAwaitAck(DesiredState.snapshot(1, List.of(cluster(t.namespace, "qdrant-y1", 1, 1))));
            ResourceKey key = new ResourceKey(ResourceKind.CLUSTER, t.namespace, "qdrant-y1");
            await().atMost(Duration.ofSeconds(10)).until(() -> countStatuses(t, key) >= 1);
            long before = countStatuses(t, key);

            t.controlPlane.send(new ResyncRequest("control plane restored from backup"));

            await().atMost(Duration.ofSeconds(10)).until(() -> countStatuses(t, key) > before);
        }
    }

    @Test
    void controlPlaneOutageChangesNothingInTheClusterAndTheLatestStatusArrivesAfterReconnect() throws Exception {
        try (AgentTestSupport t = new AgentTestSupport(cluster, "outage")) {
            CloudAgent agent = t.startAgent();
            t.sendAndAwaitAck(DesiredState.snapshot(1, List.of(cluster(t.namespace, "qdrant-o1", 1, 1))));
            int callsBefore = cluster.api().journal().writeCalls().size();

            t.controlPlane.crash();
            long failedBefore = agent.connectionMetrics().failedAttempts();
            setStatus(t, "qdrant-o1", Map.of("phase", "Scaling"));
            setStatus(t, "qdrant-o1", Map.of("phase", "Healthy", "availableNodes", 1));
            // Several reconnect attempts have failed: the agent has had every chance to do something rash.
            await().atMost(Duration.ofSeconds(10)).until(() -> agent.connectionMetrics().failedAttempts() >= failedBefore + 3);

            assertThat(cluster.api().journal().writeCalls().stream().skip(callsBefore)
                    .filter(call -> t.namespace.equals(call.namespace()) && call.subresource() == null))
                    .as("writes in the agent's namespace other than the test's status edits").isEmpty();
            assertThat(t.get(ManagedKind.QDRANT_CLUSTER, "qdrant-o1")).isNotNull();

            t.controlPlane.restart();

            await().atMost(Duration.ofSeconds(15)).until(() -> t.controlPlane.receivedAfterHello(2).stream()
                    .anyMatch(m -> m instanceof ResourceStatus s && s.key().name().equals("qdrant-o1")
                            && "Healthy".equals(s.status().path("phase").asText())));
            assertThat(t.controlPlane.hellos()).extracting(Hello::lastAppliedRevision).containsExactly(0L, 1L);
            assertThat(t.get(ManagedKind.QDRANT_CLUSTER, "qdrant-o1")).isNotNull();
        }
    }

    @Test
    void kubernetesEventsOfTheNamespaceBecomeTelemetry() throws Exception {
        try (AgentTestSupport t = new AgentTestSupport(cluster, "events")) {
            t.startAgent();

            cluster.client().v1().events().inNamespace(t.namespace).resource(new EventBuilder()
                    .withNewMetadata().withName("qdrant-e1.scale").withNamespace(t.namespace).endMetadata()
                    .withNewInvolvedObject().withKind("QdrantCluster").withName("qdrant-e1").withNamespace(t.namespace)
                    .endInvolvedObject()
                    .withType("Warning").withReason("FailedScheduling").withMessage("0/3 nodes are available")
                    .withCount(1).withLastTimestamp(Instant.now().toString()).build()).create();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(t.controlPlane.events())
                    .anySatisfy(e -> {
                        assertThat(e.involvedKind()).isEqualTo("QdrantCluster");
                        assertThat(e.involvedName()).isEqualTo("qdrant-e1");
                        assertThat(e.reason()).isEqualTo("FailedScheduling");
                        assertThat(e.message()).isEqualTo("0/3 nodes are available");
                    }));
        }
    }

    @Test
    void environmentStatusDescribesNodesStorageAndTheAgent() throws Exception {
        try (AgentTestSupport t = new AgentTestSupport(cluster, "env")) {
            t.startAgent();

            EnvironmentStatus status = await().atMost(Duration.ofSeconds(10))
                    .until(() -> t.controlPlane.environments().stream().findFirst(), Optional::isPresent).orElseThrow();

            assertThat(status.kubernetesVersion()).isNotEmpty();
            assertThat(status.nodeCount()).isEqualTo(cluster.client().nodes().list().getItems().size()).isPositive();
            assertThat(status.capacity().cpu()).isNotEqualTo("0");
            assertThat(status.storageClasses()).contains("local-path", "sim-csi");
            assertThat(status.volumeSnapshotClasses()).contains("csi-snapclass");
            assertThat(agentComponent(status).phase()).isEqualTo(ComponentPhase.READY);
            assertThat(agentComponent(status).message()).isEmpty();
        }
    }

    @Test
    void environmentStatusReportsWhatIsKnownWhenAReadFails() throws Exception {
        try (AgentTestSupport t = new AgentTestSupport(cluster, "degraded");
             // Without client retries one injected failure fails one read, instead of ten retries hiding it.
             KubernetesClient noRetries = cluster.api().newClient(new ConfigBuilder(cluster.api()
                     .clientConfig(t.namespace)).withRequestRetryBackoffLimit(0).build())) {
            t.startAgent(CloudAgent.builder(noRetries, t.namespace, t.controlPlane.settings("env-degraded"))
                    .environmentIntervals(Duration.ofMillis(200), Duration.ofSeconds(30)));
            await().atMost(Duration.ofSeconds(10)).until(() -> !t.controlPlane.environments().isEmpty());

            cluster.api().faults().failNext(1, Verb.LIST, "nodes", InjectedFailure.INTERNAL_ERROR);
            try {
                EnvironmentStatus degraded = await().atMost(Duration.ofSeconds(10)).until(() -> t.controlPlane
                        .environments().stream().filter(s -> !agentComponent(s).message().isEmpty()).findFirst(),
                        Optional::isPresent).orElseThrow();

                assertThat(agentComponent(degraded).message()).contains("could not read nodes (HTTP 500)");
                assertThat(degraded.storageClasses()).contains("local-path", "sim-csi");
                assertThat(degraded.kubernetesVersion()).isNotEmpty();
            } finally {
                cluster.api().faults().clear();
            }
            // Once the read works again the full picture is reported again.
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                List<EnvironmentStatus> all = t.controlPlane.environments();
                EnvironmentStatus last = all.get(all.size() - 1);
                return agentComponent(last).message().isEmpty() && last.nodeCount() > 0;
            });
        }
    }

    @Test
    void clusterScopedReadsForbiddenByRbacDegradeToAPartialStatusWithTheNodeCountUnknown() throws Exception {
        try (AgentTestSupport t = new AgentTestSupport(cluster, "forbidden");
             KubernetesClient noRetries = cluster.api().newClient(new ConfigBuilder(cluster.api()
                     .clientConfig(t.namespace)).withRequestRetryBackoffLimit(0).build())) {
            t.startAgent(CloudAgent.builder(noRetries, t.namespace, t.controlPlane.settings("env-forbidden"))
                    .environmentIntervals(Duration.ofMillis(200), Duration.ofSeconds(30)));
            await().atMost(Duration.ofSeconds(10)).until(() -> !t.controlPlane.environments().isEmpty());

            // Several denials each, so at least one observation meets all three even if one was already under way.
            for (String resource : List.of("nodes", "storageclasses", "volumesnapshotclasses")) {
                cluster.api().faults().failNext(3, Verb.LIST, resource, InjectedFailure.FORBIDDEN);
            }
            try {
                EnvironmentStatus degraded = await().atMost(Duration.ofSeconds(10)).until(() -> t.controlPlane
                        .environments().stream().filter(s -> agentComponent(s).message().contains("storage classes")
                                && agentComponent(s).message().contains("nodes (HTTP 403")
                                && agentComponent(s).message().contains("volume snapshot classes")).findFirst(),
                        Optional::isPresent).orElseThrow();

                assertThat(agentComponent(degraded).message())
                        .contains("nodes (HTTP 403, forbidden by RBAC)")
                        .contains("storage classes (HTTP 403, forbidden by RBAC)")
                        .contains("volume snapshot classes (HTTP 403, forbidden by RBAC)");
                assertThat(degraded.nodeCount()).as("unknown, not 0").isNull();
                assertThat(degraded.storageClasses()).isEmpty();
                assertThat(degraded.kubernetesVersion()).isNotEmpty();
                assertThat(agentComponent(degraded).phase()).isEqualTo(ComponentPhase.READY);
            } finally {
                cluster.api().faults().clear();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                List<EnvironmentStatus> all = t.controlPlane.environments();
                EnvironmentStatus last = all.get(all.size() - 1);
                return agentComponent(last).message().isEmpty() && last.nodeCount() != null && last.nodeCount() > 0;
            });
        }
    }

    static ComponentStatus agentComponent(EnvironmentStatus status) {
        return status.components().stream().filter(c -> c.name().equals("qdrant-cloud-agent")).findFirst().orElseThrow();
    }

    private static void setStatus(AgentTestSupport t, String name, Map<String, Object> status) {
        cluster.client().genericKubernetesResources(ManagedKind.QDRANT_CLUSTER.context()).inNamespace(t.namespace)
                .withName(name).editStatus(live -> {
                    GenericKubernetesResource copy = live;
                    copy.setAdditionalProperty("status", status);
                    return copy;
                });
    }

    private static Optional<ResourceStatus> latestStatus(AgentTestSupport t, ResourceKey key, String phase) {
        return t.controlPlane.statuses().stream().filter(s -> s.key().equals(key))
                .filter(s -> phase.equals(s.status().path("phase").asText())).reduce((a, b) -> b);
    }

    private static long countStatuses(AgentTestSupport t, ResourceKey key) {
        return t.controlPlane.statuses().stream().filter(s -> s.key().equals(key)).count();
    }
}
