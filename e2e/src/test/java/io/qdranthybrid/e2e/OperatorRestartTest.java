package io.qdranthybrid.e2e;

import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.harness.controlplane.ClusterView;
import io.qdranthybrid.harness.controlplane.NewCluster;
import io.qdranthybrid.harness.junit.HybridCloudTest;
import io.qdranthybrid.harness.qdrant.SimulatedQdrantCluster;
import io.qdranthybrid.harness.stack.Faults;
import io.qdranthybrid.harness.stack.HybridEnvironment;
import io.qdranthybrid.harness.timeline.Timeline;
import io.qdranthybrid.harness.timeline.TimelineEvent;
import io.qdranthybrid.harness.timeline.TimelineSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The operator is replaced in the middle of a rolling upgrade; the new one must finish it as carefully. */
@HybridCloudTest
class OperatorRestartTest {

    private static final int NODES = 3;
    private static final long POINTS = 900;

    @Test
    void operatorRestartedMidRollingUpgradeFinishesItOnePodAtATimeLosingNoData(HybridEnvironment env, Faults faults,
                                                                              Timeline timeline) {
        env.createCluster(NewCluster.of("events", NODES, "v1.12.3"));
        env.awaitCluster("events", ClusterPhase.HEALTHY, Waits.CONVERGE);
        SimulatedQdrantCluster qdrant = env.qdrant("events");
        qdrant.seedCollection("docs", 3, 2, POINTS);
        timeline.mark("seeded docs: 3 shards at replication factor 2, " + POINTS + " points");

        try (Sampler<Set<Integer>> unserved = Sampler.every(Duration.ofMillis(20),
                "shards of docs without a live replica", () -> LiveReplicas.shardsWithoutOne(qdrant, "docs"), timeline)) {
            Instant asked = Instant.now();
            env.controlPlane().clusters().changeVersion(env.id(), "events", "v1.13.6");
            timeline.mark("upgrade to v1.13.6 asked");
            await("a pod being rolled").atMost(Waits.CONVERGE).pollInterval(Duration.ofMillis(10))
                    .until(() -> UnavailablePods.mostAtOnce(timeline, "events", NODES, asked) > 0);

            faults.restartOperator();

            ClusterView upgraded = env.awaitCluster("events", ClusterPhase.HEALTHY, Waits.CONVERGE);
            assertThat(upgraded.runningVersion()).isEqualTo("v1.13.6");
            assertThat(upgraded.nodesReady()).isEqualTo(NODES);
            QdrantNodes nodes = QdrantNodes.of(env, "events");
            IntStream.range(0, NODES).forEach(node ->
                    assertThat(nodes.version(node)).as("version of node %d", node).contains("1.13.6"));
            assertThat(UnavailablePods.mostAtOnce(timeline, "events", NODES, asked))
                    .as("pods down at once during the upgrade").isEqualTo(1);
            assertThat(unserved.changes()).as("shards without a live replica, as sampled throughout")
                    .containsExactly(Set.of());
            assertThat(nodes.count(0, "docs")).hasValue(POINTS);
            qdrant.assertNoDataLost();
        }
        assertThat(timeline.events(TimelineSource.OPERATOR)).extracting(TimelineEvent::event)
                .containsExactly("started", "stopped", "started");
        // The pods roll OnDelete and only the operator deletes them: a pod deleted after the second start was left
        // to roll by the killed operator, so the kill really came in the middle of the upgrade.
        List<TimelineEvent> events = timeline.events();
        int restarted = IntStream.range(0, events.size()).filter(i -> events.get(i).source() == TimelineSource.OPERATOR
                && events.get(i).event().equals("started")).max().orElseThrow();
        assertThat(events.subList(restarted, events.size())).as("pods the restarted operator rolled")
                .anyMatch(event -> event.source() == TimelineSource.POD && event.event().equals("deleted")
                        && event.subject().startsWith("Pod/qdrant-events-"));
    }
}
