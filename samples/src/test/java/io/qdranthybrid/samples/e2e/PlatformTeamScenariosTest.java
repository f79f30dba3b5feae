package io.qdranthybrid.samples.e2e;

import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.NodeStatus;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.harness.controlplane.BackupView;
import io.qdranthybrid.harness.controlplane.NewCluster;
import io.qdranthybrid.harness.controlplane.SimulatedControlPlane;
import io.qdranthybrid.harness.junit.HybridCloudTest;
import io.qdranthybrid.harness.qdrant.CollectionPlacement;
import io.qdranthybrid.harness.qdrant.ReplicaState;
import io.qdranthybrid.harness.qdrant.ShardPlacement;
import io.qdranthybrid.harness.qdrant.SimulatedQdrantCluster;
import io.qdranthybrid.harness.stack.Faults;
import io.qdranthybrid.harness.stack.HybridEnvironment;
import io.qdranthybrid.harness.timeline.Timeline;
import io.qdranthybrid.harness.timeline.TimelineEvent;
import io.qdranthybrid.harness.timeline.TimelineSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How a platform team tests its own runbooks with {@code @HybridCloudTest}: everything runs in this JVM (control
 * plane, simulated Kubernetes, operator, agent), each test gets its own onboarded environment, and the test drives
 * the system the way the team's tooling would, through the control plane.
 */
@HybridCloudTest
class PlatformTeamScenariosTest {

    private static final Duration CONVERGE = Duration.ofSeconds(90);

    @Test
    void ourStandardClusterLosesNoDataWhenANodeCrashes(HybridEnvironment env, Faults faults, Timeline timeline) {
        env.createCluster(NewCluster.of("search", 3, "v1.12.3"));
        env.awaitCluster("search", ClusterPhase.HEALTHY, CONVERGE);
        SimulatedQdrantCluster qdrant = env.qdrant("search");
        long seeded = 5_000;
        qdrant.seedCollection("products", 3, 2, seeded);
        String crashedPod = "qdrant-search-1";
        assertThat(restartsReported(env, crashedPod)).as("restarts before the crash").isZero();

        TimelineEvent crash = timeline.mark("crashing node 1");
        faults.crashQdrantNode("search", 1);

        // The crash is noticed: the operator reports the node's restart in the cluster's status, after the pod
        // stopped being Ready. (Its NotReady phase may come and go before anyone looks, so it is not waited for.)
        await("the operator reports the crash").atMost(CONVERGE).until(() -> restartsReported(env, crashedPod) >= 1
                && after(timeline, crash).stream()
                .anyMatch(e -> e.is(TimelineSource.POD, "Pod/" + crashedPod, "readiness", "NotReady")));
        env.awaitCluster("search", ClusterPhase.HEALTHY, CONVERGE);

        // Every point seeded before the crash is on every replica again, the restarted node's included.
        await("both copies of every shard serve again").atMost(CONVERGE).untilAsserted(() -> {
            CollectionPlacement products = qdrant.placement("products");
            assertThat(products.shards().stream().mapToLong(ShardPlacement::writtenPoints).sum()).isEqualTo(seeded);
            assertThat(products.shards()).allSatisfy(shard -> assertThat(shard.replicas()).hasSize(2)
                    .allSatisfy(replica -> {
                        assertThat(replica.state()).isEqualTo(ReplicaState.Active);
                        assertThat(replica.points()).as("points on peer %d", replica.peerId())
                                .isEqualTo(shard.writtenPoints());
                    }));
        });
        qdrant.assertNoDataLost();
    }

    /** Container restarts of {@code pod} as the operator reports them in the cluster's status; 0 when not said. */
    private static int restartsReported(HybridEnvironment env, String pod) {
        QdrantCluster cluster = env.clusterResource("search");
        NodeStatus node = cluster.getStatus() == null || cluster.getStatus().getNodes() == null ? null
                : cluster.getStatus().getNodes().get(pod);
        return node == null || node.getRestartCount() == null ? 0 : node.getRestartCount();
    }

    /** What the timeline recorded after {@code mark}. */
    private static List<TimelineEvent> after(Timeline timeline, TimelineEvent mark) {
        List<TimelineEvent> events = timeline.events();
        return events.subList(events.indexOf(mark) + 1, events.size());
    }

    @Test
    void weBackUpBeforeEveryUpgrade(HybridEnvironment env, SimulatedControlPlane controlPlane) {
        env.createCluster(NewCluster.of("billing", 1, "v1.12.3"));
        env.awaitCluster("billing", ClusterPhase.HEALTHY, CONVERGE);

        BackupView backup = controlPlane.backups().takeBackup(env.id(), "billing", 24);
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(controlPlane.backups().getBackup(env.id(),
                backup.name()).phase()).isEqualTo("Succeeded"));
        controlPlane.clusters().changeVersion(env.id(), "billing", "v1.13.6");

        assertThat(env.awaitCluster("billing", ClusterPhase.HEALTHY, CONVERGE).runningVersion()).isEqualTo("v1.13.6");
    }
}
