package io.qdranthybrid.harness.junit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.harness.cluster.ClusterUnderTest;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.harness.controlplane.NewCluster;
import io.qdranthybrid.harness.controlplane.SimulatedControlPlane;
import io.qdranthybrid.harness.stack.HybridEnvironment;
import io.qdranthybrid.harness.timeline.Timeline;
import io.qdranthybrid.harness.timeline.TimelineEvent;
import io.qdranthybrid.harness.timeline.TimelineSource;
import io.qdranthybrid.platform.environment.EnvironmentPhase;
import io.qdranthybrid.protocol.message.ComponentPhase;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The extension itself: a cluster asked of the control plane becomes Healthy in the test's namespace, each test gets
 * its own namespace and environment with nothing left of the previous one, and each test's timeline is on disk
 * when it ends. Ordered, because the later tests look at what the earlier ones left behind.
 */
@HybridCloudTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HybridCloudExtensionTest {

    private static final Duration CONVERGE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the first test left for the second to check. */
    private static String firstNamespace;
    private static String firstEnvironment;

    @Test
    @Order(1)
    void clusterCreatedThroughTheControlPlaneBecomesHealthy(HybridEnvironment env, Timeline timeline) {
        firstNamespace = env.namespace();
        firstEnvironment = env.id();
        assertThat(env.view().phase()).isEqualTo(EnvironmentPhase.READY);
        assertThat(env.view().components()).anySatisfy(component ->
                assertThat(component.phase()).isEqualTo(ComponentPhase.READY));

        env.createCluster(NewCluster.of("first", 3, "v1.12.3"));

        env.awaitCluster("first", ClusterPhase.HEALTHY, CONVERGE);
        assertThat(env.qdrant("first").peerIds()).hasSize(3);
        assertThat(timeline.events(TimelineSource.POD)).filteredOn(e -> e.detail().equals("Ready"))
                .extracting(TimelineEvent::subject)
                .contains("Pod/qdrant-first-0", "Pod/qdrant-first-1", "Pod/qdrant-first-2");
        assertThat(timeline.first(e -> e.is(TimelineSource.RESOURCE, "QdrantCluster/qdrant-first", "phase",
                "Healthy"))).isPresent();
        await().atMost(CONVERGE).until(() -> timeline.first(e -> e.source() == TimelineSource.CONTROL_PLANE
                && e.subject().equals("first") && e.event().equals("cluster-status")
                && e.detail().equals("Healthy")).isPresent());
    }

    @Test
    @Order(2)
    void nextTestGetsItsOwnNamespaceAndEnvironmentWithNothingLeftOfThePrevious(
            HybridEnvironment env, ClusterUnderTest cluster, SimulatedControlPlane controlPlane) {
        assertThat(env.namespace()).isNotEqualTo(firstNamespace);
        assertThat(env.id()).isNotEqualTo(firstEnvironment);
        assertThat(controlPlane.clusters().list(env.id())).isEmpty();

        assertThat(cluster.client().pods().inNamespace(firstNamespace).list().getItems()).isEmpty();
        assertThat(cluster.client().persistentVolumeClaims().inNamespace(firstNamespace).list().getItems()).isEmpty();
        assertThat(cluster.client().resources(QdrantCluster.class).inNamespace(firstNamespace).list().getItems())
                .isEmpty();
        assertThat(cluster.client().namespaces().withName(firstNamespace).get()).isNull();
        assertThat(env.client().pods().inNamespace(env.namespace()).list().getItems()).isEmpty();
    }

    @Test
    @Order(3)
    void previousTestsTimelineIsWrittenAsJson() throws Exception {
        Path file = Path.of("target/hybrid-timelines/HybridCloudExtensionTest/"
                + "clusterCreatedThroughTheControlPlaneBecomesHealthy.json");

        assertThat(file).exists();
        JsonNode timeline = JSON.readTree(Files.readString(file));
        assertThat(timeline.path("name").asText())
                .isEqualTo("HybridCloudExtensionTest.clusterCreatedThroughTheControlPlaneBecomesHealthy");
        assertThat(timeline.path("events").findValuesAsText("source"))
                .contains("control-plane", "environment", "agent", "operator", "resource", "pod", "test");
        assertThat(timeline.path("events").findValuesAsText("detail")).contains("READY", "Healthy", "test passed");
    }

    @Test
    @Order(4)
    void classHandlesAreTheSharedControlPlaneAndCluster(SimulatedControlPlane controlPlane, SimulatedCluster simulated,
                                                        ClusterUnderTest cluster, HybridEnvironment env) {
        assertThat(cluster).isSameAs(simulated);
        assertThat(env.cluster().cluster()).isSameAs(cluster);
        assertThat(env.controlPlane()).isSameAs(controlPlane);
        assertThat(controlPlane.environments().get(env.id()).namespace()).isEqualTo(env.namespace());
    }
}
