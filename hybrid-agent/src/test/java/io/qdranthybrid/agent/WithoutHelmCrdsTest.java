package io.qdranthybrid.agent;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.harness.cluster.ClusterCrds;
import io.qdranthybrid.protocol.message.Ack;
import io.qdranthybrid.protocol.message.AgentMessage;
import io.qdranthybrid.protocol.message.ComponentPhase;
import io.qdranthybrid.protocol.message.ComponentStatus;
import io.qdranthybrid.protocol.message.DesiredResource;
import io.qdranthybrid.protocol.message.DesiredState;
import io.qdranthybrid.protocol.message.EnvironmentStatus;
import io.qdranthybrid.protocol.message.Nack;
import io.qdranthybrid.protocol.message.NackReason;
import io.qdranthybrid.protocol.message.ResourceKey;
import io.qdranthybrid.protocol.message.ResourceKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.qdranthybrid.agent.Manifests.cluster;
import static io.qdranthybrid.agent.Manifests.helmRelease;
import static io.qdranthybrid.agent.Manifests.helmRepository;
import static io.qdranthybrid.agent.Manifests.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A cluster with only the qdrant.io CRDs, as {@code deploy/} installs it: no cd.qdrant.io HelmRelease or
 * HelmRepository, so a real API server answers 404 to listing them. The agent still becomes ready and syncs clusters;
 * component releases are refused with what to install, and expected components are reported NOT_FOUND saying so.
 */
class WithoutHelmCrdsTest {

    private static final List<String> HELM_CRDS = List.of("helmreleases.cd.qdrant.io", "helmrepositories.cd.qdrant.io");
    private static SimulatedCluster cluster;

    @BeforeAll
    static void startClusterWithoutHelmCrds() {
        cluster = SimulatedCluster.start();
        HELM_CRDS.forEach(name -> cluster.client().apiextensions().v1().customResourceDefinitions().withName(name).delete());
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.client().getApiResources("cd.qdrant.io/v2") == null
                || cluster.client().getApiResources("cd.qdrant.io/v2").getResources().isEmpty());
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void agentBecomesReadySyncsClustersAndRefusesComponentReleasesSayingWhatToInstall() throws Exception {
        try (AgentTestSupport t = new AgentTestSupport(cluster, "nohelm")) {
            CloudAgent agent = t.startAgent(t.agentBuilder().expectedComponents(List.of("qdrant-operator")));

            AgentMessage answer = t.sendAndAwaitAnswer(DesiredState.snapshot(1, List.of(
                    cluster(t.namespace, "qdrant-c1", 1, 1),
                    resource(ResourceKind.COMPONENT_RELEASE, t.namespace, "qdrant-cloud", 1, helmRepository()),
                    resource(ResourceKind.COMPONENT_RELEASE, t.namespace, "qdrant-operator", 1,
                            helmRelease("qdrant-operator", "1.6.0")))));

            assertThat(answer).isInstanceOfSatisfying(Nack.class, nack -> {
                assertThat(nack.reason()).isEqualTo(NackReason.NOT_FOUND);
                assertThat(nack.message()).contains("2 of 3 resources refused, the rest applied")
                        .contains("install the CustomResourceDefinition helmreleases.cd.qdrant.io")
                        .contains("install the CustomResourceDefinition helmrepositories.cd.qdrant.io");
            });
            assertThat(t.get(ManagedKind.QDRANT_CLUSTER, "qdrant-c1")).isNotNull();
            assertThat(agent.lastAppliedRevision()).isEqualTo(1);
            ComponentStatus operator = await().atMost(Duration.ofSeconds(10))
                    .until(() -> component(t, "qdrant-operator"), Optional::isPresent).orElseThrow();
            assertThat(operator.phase()).isEqualTo(ComponentPhase.NOT_FOUND);
            assertThat(operator.message()).contains("install the CustomResourceDefinition helmreleases.cd.qdrant.io");

            // Later revisions apply as usual, and a component tombstone has nothing to delete.
            assertThat(t.sendAndAwaitAnswer(DesiredState.delta(1, 2, List.of(cluster(t.namespace, "qdrant-c2", 2, 1),
                    DesiredResource.tombstone(new ResourceKey(ResourceKind.COMPONENT_RELEASE, t.namespace,
                            "qdrant-operator"), 2))))).isInstanceOf(Ack.class);
            assertThat(t.get(ManagedKind.QDRANT_CLUSTER, "qdrant-c2")).isNotNull();
            assertThat(agent.isReady()).isTrue();
        }
    }

    @Test
    void componentReleasesApplyOnceTheHelmCrdsAreInstalled() throws Exception {
        try (AgentTestSupport t = new AgentTestSupport(cluster, "latehelm")) {
            t.startAgent();
            t.sendAndAwaitAnswer(DesiredState.snapshot(1, List.of(
                    resource(ResourceKind.COMPONENT_RELEASE, t.namespace, "qdrant-cloud", 1, helmRepository()))));
            try {
                installHelmCrds();

                t.sendAndAwaitAck(DesiredState.snapshot(2, List.of(
                        resource(ResourceKind.COMPONENT_RELEASE, t.namespace, "qdrant-cloud", 2, helmRepository()))));

                assertThat(t.get(ManagedKind.HELM_REPOSITORY, "qdrant-cloud")).isNotNull();
                // Now watched: its status reaches the control plane.
                await().atMost(Duration.ofSeconds(10)).until(() -> t.controlPlane.statuses().stream()
                        .anyMatch(s -> s.key().kind() == ResourceKind.COMPONENT_RELEASE
                                && s.key().name().equals("qdrant-cloud")));
            } finally {
                HELM_CRDS.forEach(name -> cluster.client().apiextensions().v1().customResourceDefinitions()
                        .withName(name).delete());
            }
        }
    }

    private static void installHelmCrds() {
        for (CustomResourceDefinition crd : ClusterCrds.helm()) {
            cluster.client().apiextensions().v1().customResourceDefinitions().resource(crd).create();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.client().getApiResources("cd.qdrant.io/v1") != null
                && !cluster.client().getApiResources("cd.qdrant.io/v1").getResources().isEmpty());
    }

    private static Optional<ComponentStatus> component(AgentTestSupport t, String name) {
        List<EnvironmentStatus> all = t.controlPlane.environments();
        return all.isEmpty() ? Optional.empty() : all.get(all.size() - 1).components().stream()
                .filter(c -> c.name().equals(name)).findFirst();
    }
}
