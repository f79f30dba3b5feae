package io.qdranthybrid.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.harness.controlplane.ClusterView;
import io.qdranthybrid.harness.controlplane.NewCluster;
import io.qdranthybrid.harness.controlplane.NotFoundException;
import io.qdranthybrid.harness.junit.HybridCloudTest;
import io.qdranthybrid.harness.stack.Faults;
import io.qdranthybrid.harness.stack.HybridEnvironment;
import io.qdranthybrid.harness.timeline.Timeline;
import io.qdranthybrid.harness.timeline.TimelineSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A cluster's life as a user drives it from the control plane: create, suspend and resume, delete. Each test runs
 * its own scenario, so any one of them passes alone and in any order.
 */
@HybridCloudTest
class ClusterLifecycleTest {

    private static final String VERSION = "v1.12.3";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void clusterCreatedThroughTheControlPlaneBecomesHealthyWithEveryNodeReady(HybridEnvironment env,
                                                                             Timeline timeline) {
        env.createCluster(NewCluster.of("orders", 3, VERSION));

        ClusterView view = env.awaitCluster("orders", ClusterPhase.HEALTHY, Waits.CONVERGE);
        timeline.mark("control plane shows orders Healthy");

        assertThat(view.nodesReady()).isEqualTo(3);
        assertThat(view.runningVersion()).isEqualTo(VERSION);
        assertThat(view.name()).isEqualTo("qdrant-orders");
        ClusterInKubernetes kubernetes = ClusterInKubernetes.of(env, "orders");
        assertThat(kubernetes.readyPods()).containsExactly("qdrant-orders-0", "qdrant-orders-1", "qdrant-orders-2");
        assertThat(kubernetes.statefulSet()).get().satisfies(set ->
                assertThat(set.getStatus().getReadyReplicas()).isEqualTo(3));
        QdrantNodes nodes = QdrantNodes.of(env, "orders");
        IntStream.range(0, 3).forEach(node -> {
            assertThat(nodes.ready(node)).as("node %d ready", node).isTrue();
            assertThat(nodes.version(node)).as("node %d version", node).contains("1.12.3");
        });
        assertThat(env.qdrant("orders").peerIds()).hasSize(3);
    }

    @Test
    void timelineOfTheCreatedClusterIsWrittenAsJsonInTimeOrder(HybridEnvironment env, Timeline timeline,
                                                               @TempDir Path directory) throws Exception {
        env.createCluster(NewCluster.of("orders", 3, VERSION));
        env.awaitCluster("orders", ClusterPhase.HEALTHY, Waits.CONVERGE);
        timeline.mark("control plane shows orders Healthy");
        // The namespace's watch records the custom resource's phase on its own thread: wait for it, not for time.
        await().untilAsserted(() -> assertThat(timeline.events()).anyMatch(event ->
                event.is(TimelineSource.RESOURCE, "QdrantCluster/qdrant-orders", "phase", "Healthy")));
        // The extension writes the same JSON when the test ends (HybridCloudExtensionTest proves that part);
        // writing it here keeps this test independent of any other test's files.
        Path file = directory.resolve("timeline.json");
        timeline.writeJson(file);

        JsonNode written = JSON.readTree(Files.readString(file));
        assertThat(written.path("name").asText())
                .isEqualTo("ClusterLifecycleTest.timelineOfTheCreatedClusterIsWrittenAsJsonInTimeOrder");
        List<Instant> times = new ArrayList<>();
        List<Long> elapsed = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        for (JsonNode event : written.path("events")) {
            times.add(Instant.parse(event.path("at").asText()));
            elapsed.add(event.path("elapsedMillis").asLong());
            kinds.add(event.path("source").asText() + " " + event.path("subject").asText() + " "
                    + event.path("event").asText() + " " + event.path("detail").asText());
        }
        assertThat(times).isNotEmpty().isSorted();
        assertThat(elapsed).isSorted();
        assertThat(times.get(0)).isAfterOrEqualTo(Instant.parse(written.path("started").asText()));
        // Each part recorded its step on the way from request to Healthy. Only the test's own steps have a fixed
        // order: the others come from separate watches and sessions, which may deliver a moment apart.
        assertThat(kinds).contains(
                "control-plane orders cluster-created 3 nodes of " + VERSION,
                "resource QdrantCluster/qdrant-orders created ",
                "pod Pod/qdrant-orders-0 readiness Ready",
                "pod Pod/qdrant-orders-1 readiness Ready",
                "pod Pod/qdrant-orders-2 readiness Ready",
                "resource QdrantCluster/qdrant-orders phase Healthy",
                "control-plane orders cluster-status Healthy");
        assertThat(kinds).containsSubsequence(
                "test test mark onboarded",
                "control-plane orders cluster-created 3 nodes of " + VERSION,
                "test test mark control plane shows orders Healthy");
        assertThat(kinds).anyMatch(kind -> kind.startsWith("agent ") && kind.contains(" connected "))
                .anyMatch(kind -> kind.startsWith("operator ") && kind.contains(" started"))
                .anyMatch(kind -> kind.startsWith("environment ") && kind.endsWith(" phase READY"));
    }

    @Test
    void suspendedClusterKeepsItsVolumesAndResumesHealthyWithItsData(HybridEnvironment env, Timeline timeline) {
        env.createCluster(NewCluster.of("archive", 1, VERSION));
        env.awaitCluster("archive", ClusterPhase.HEALTHY, Waits.CONVERGE);
        env.qdrant("archive").seedCollection("docs", 2, 1, 500);
        timeline.mark("seeded docs: 500 points");
        ClusterInKubernetes kubernetes = ClusterInKubernetes.of(env, "archive");
        String volume = kubernetes.databaseClaimUid(0).orElseThrow();

        env.controlPlane().clusters().suspend(env.id(), "archive");
        timeline.mark("suspend requested");

        ClusterView suspended = env.awaitCluster("archive", ClusterPhase.SUSPENDED, Waits.CONVERGE);
        assertThat(suspended.suspended()).isTrue();
        assertThat(suspended.nodesReady()).isZero();
        assertThat(kubernetes.pods()).isEmpty();
        assertThat(kubernetes.statefulSet()).isEmpty();
        assertThat(kubernetes.databaseClaimUid(0)).as("the volume of node 0").contains(volume);

        env.controlPlane().clusters().resume(env.id(), "archive");
        timeline.mark("resume requested");

        ClusterView resumed = env.awaitCluster("archive", ClusterPhase.HEALTHY, Waits.CONVERGE);
        assertThat(resumed.suspended()).isFalse();
        assertThat(resumed.nodesReady()).isEqualTo(1);
        assertThat(kubernetes.databaseClaimUid(0)).as("the volume of node 0").contains(volume);
        assertThat(QdrantNodes.of(env, "archive").count(0, "docs")).hasValue(500);
        env.qdrant("archive").assertNoDataLost();
        assertThat(timeline.events(TimelineSource.RESOURCE)).extracting(e -> e.subject() + " " + e.detail())
                .containsSubsequence("QdrantCluster/qdrant-archive Healthy", "QdrantCluster/qdrant-archive Suspended",
                        "QdrantCluster/qdrant-archive Healthy");
    }

    @Test
    void deletedClusterIsGoneFromTheControlPlaneAndFromKubernetes(HybridEnvironment env, Faults faults,
                                                                  Timeline timeline) {
        env.createCluster(NewCluster.of("scratch", 1, VERSION));
        env.awaitCluster("scratch", ClusterPhase.HEALTHY, Waits.CONVERGE);
        ClusterInKubernetes kubernetes = ClusterInKubernetes.of(env, "scratch");
        assertThat(kubernetes.ownedObjects()).isNotEmpty();

        // Slow API requests keep the deletion in flight while the list is read: unslowed, the whole round trip
        // (agent, operator, garbage collector, the agent's report) once finished before this thread read the list.
        faults.apiLatency(Duration.ofMillis(500), Duration.ofMillis(500));
        env.controlPlane().clusters().delete(env.id(), "scratch");
        timeline.mark("delete requested");

        // Issue 16: it shows Deleting (not nothing) until the agent reports its objects gone, then leaves the list.
        assertThat(env.controlPlane().clusters().list(env.id())).extracting(ClusterView::phase)
                .containsExactly(ClusterView.DELETING);
        faults.clearApiFaults();
        await("scratch gone from Kubernetes").atMost(Waits.CONVERGE).pollInterval(Waits.POLL).untilAsserted(() -> {
            assertThat(kubernetes.resource()).isEmpty();
            assertThat(kubernetes.ownedObjects()).isEmpty();
        });
        // The agent reports the deletion, so the control plane knows it happened and not only that it was asked.
        await("deletion reported").atMost(Waits.PROMPTLY).until(() -> timeline.first(e ->
                e.is(TimelineSource.CONTROL_PLANE, "scratch", "cluster-status", "deleted")).isPresent());
        await("scratch gone from the list").atMost(Waits.PROMPTLY).untilAsserted(() ->
                assertThat(env.controlPlane().clusters().list(env.id())).isEmpty());
        assertThatThrownBy(() -> env.controlPlane().clusters().get(env.id(), "scratch"))
                .isInstanceOf(NotFoundException.class);
    }
}
