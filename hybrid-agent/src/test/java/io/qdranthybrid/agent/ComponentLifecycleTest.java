package io.qdranthybrid.agent;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.harness.kube.controllers.helm.SimulatedHelmController;
import io.qdranthybrid.protocol.message.ComponentPhase;
import io.qdranthybrid.protocol.message.ComponentStatus;
import io.qdranthybrid.protocol.message.DesiredResource;
import io.qdranthybrid.protocol.message.DesiredState;
import io.qdranthybrid.protocol.message.EnvironmentStatus;
import io.qdranthybrid.protocol.message.ResourceKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.qdranthybrid.agent.Manifests.helmRelease;
import static io.qdranthybrid.agent.Manifests.helmRepository;
import static io.qdranthybrid.agent.Manifests.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Component releases as desired state, executed by a (simulated) Flux helm-controller, reported back by component. */
class ComponentLifecycleTest {

    private static SimulatedCluster cluster;
    private static KubernetesClient helmClient;
    private static SimulatedHelmController helm;

    @BeforeAll
    static void startCluster() {
        cluster = SimulatedCluster.start();
        helmClient = cluster.newClient("default");
        helm = new SimulatedHelmController(helmClient);
        helm.start();
    }

    @AfterAll
    static void stopCluster() {
        helm.close();
        helmClient.close();
        cluster.close();
    }

    @Test
    void installedReleaseIsReadyAndAMissingExpectedOneIsNotFound() throws Exception {
        try (AgentTestSupport t = new AgentTestSupport(cluster, "components")) {
            t.startAgent(t.agentBuilder().expectedComponents(List.of("qdrant-cluster-manager")));

            t.sendAndAwaitAck(DesiredState.snapshot(1, components(t, 1, "qdrant-operator", "1.6.0")));

            GenericKubernetesResource release = t.get(ManagedKind.HELM_RELEASE, "qdrant-operator");
            assertThat(release.getMetadata().getLabels()).containsEntry(AgentLabels.MANAGED_BY, "qdrant-cloud-agent");
            assertThat(sourceRef(release)).containsEntry("kind", "HelmRepository").containsEntry("name", "qdrant-cloud");
            ComponentStatus operator = awaitComponent(t, "qdrant-operator", ComponentPhase.READY);
            assertThat(operator.version()).isEqualTo("1.6.0");
            assertThat(operator.message()).isEqualTo("Helm install succeeded for release " + t.namespace
                    + "/qdrant-operator.v1 with chart qdrant-operator@1.6.0");
            ComponentStatus missing = awaitComponent(t, "qdrant-cluster-manager", ComponentPhase.NOT_FOUND);
            assertThat(missing.message()).contains("not found");
        }
    }

    @Test
    void failedInstallIsReportedNotReadyWithHelmsMessage() throws Exception {
        try (AgentTestSupport t = new AgentTestSupport(cluster, "failing")) {
            t.startAgent();
            helm.failRelease(t.namespace, "qdrant-prometheus", "context deadline exceeded");

            t.sendAndAwaitAck(DesiredState.snapshot(1, components(t, 1, "qdrant-prometheus", "2.1.0")));

            ComponentStatus failed = awaitComponent(t, "qdrant-prometheus", ComponentPhase.NOT_READY);
            assertThat(failed.message()).isEqualTo("Helm install failed for release " + t.namespace
                    + "/qdrant-prometheus with chart qdrant-prometheus@2.1.0: context deadline exceeded");

            helm.heal(t.namespace, "qdrant-prometheus");
            assertThat(awaitComponent(t, "qdrant-prometheus", ComponentPhase.READY).message())
                    .startsWith("Helm install succeeded");
        }
    }

    @Test
    void rolledBackUpgradeIsReportedNotReadyAndTheOldVersionKeepsRunning() throws Exception {
        try (AgentTestSupport t = new AgentTestSupport(cluster, "rollback")) {
            t.startAgent();
            t.sendAndAwaitAck(DesiredState.snapshot(1, components(t, 1, "qdrant-operator", "1.6.0")));
            awaitComponent(t, "qdrant-operator", ComponentPhase.READY);
            helm.rollBackRelease(t.namespace, "qdrant-operator", "post-upgrade hooks failed");

            t.sendAndAwaitAck(DesiredState.delta(1, 2, List.of(resource(ResourceKind.COMPONENT_RELEASE, t.namespace,
                    "qdrant-operator", 2, helmRelease("qdrant-operator", "1.7.0")))));

            ComponentStatus rolledBack = await().atMost(Duration.ofSeconds(10)).until(
                    () -> component(t, "qdrant-operator").filter(c -> c.message().contains("rollback")),
                    Optional::isPresent).orElseThrow();
            assertThat(rolledBack.phase()).isEqualTo(ComponentPhase.NOT_READY);
            assertThat(rolledBack.version()).as("the version still running, not the one that failed").isEqualTo("1.6.0");
            assertThat(rolledBack.message()).isEqualTo("Helm rollback to previous release " + t.namespace
                    + "/qdrant-operator.v1 with chart qdrant-operator@1.6.0 succeeded");
        }
    }

    @Test
    void releaseDroppedFromTheDesiredStateIsUninstalledAndNoLongerReported() throws Exception {
        try (AgentTestSupport t = new AgentTestSupport(cluster, "uninstall")) {
            t.startAgent();
            t.sendAndAwaitAck(DesiredState.snapshot(1, components(t, 1, "qdrant-cluster-exporter", "0.3.0")));
            awaitComponent(t, "qdrant-cluster-exporter", ComponentPhase.READY);

            t.sendAndAwaitAck(DesiredState.snapshot(2, List.of(resource(ResourceKind.COMPONENT_RELEASE, t.namespace,
                    "qdrant-cloud", 1, helmRepository()))));

            assertThat(t.get(ManagedKind.HELM_RELEASE, "qdrant-cluster-exporter")).isNull();
            assertThat(t.get(ManagedKind.HELM_REPOSITORY, "qdrant-cloud")).isNotNull();
            await().atMost(Duration.ofSeconds(10)).until(() -> latestEnvironment(t)
                    .map(env -> env.components().stream().noneMatch(c -> c.name().equals("qdrant-cluster-exporter")))
                    .orElse(false));
        }
    }

    private static List<DesiredResource> components(AgentTestSupport t, long revision, String release, String version) {
        return List.of(resource(ResourceKind.COMPONENT_RELEASE, t.namespace, "qdrant-cloud", revision, helmRepository()),
                resource(ResourceKind.COMPONENT_RELEASE, t.namespace, release, revision, helmRelease(release, version)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sourceRef(GenericKubernetesResource release) {
        Map<String, Object> chart = (Map<String, Object>) ((Map<String, Object>) release.getAdditionalProperties()
                .get("spec")).get("chart");
        return (Map<String, Object>) ((Map<String, Object>) chart.get("spec")).get("sourceRef");
    }

    private static ComponentStatus awaitComponent(AgentTestSupport t, String name, ComponentPhase phase) {
        return await().atMost(Duration.ofSeconds(10))
                .until(() -> component(t, name).filter(c -> c.phase() == phase), Optional::isPresent).orElseThrow();
    }

    private static Optional<ComponentStatus> component(AgentTestSupport t, String name) {
        return latestEnvironment(t).flatMap(env -> env.components().stream().filter(c -> c.name().equals(name)).findFirst());
    }

    private static Optional<EnvironmentStatus> latestEnvironment(AgentTestSupport t) {
        List<EnvironmentStatus> all = t.controlPlane.environments();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }
}
