package io.qdranthybrid.samples.e2e;

import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.harness.controlplane.BackupView;
import io.qdranthybrid.harness.controlplane.NewCluster;
import io.qdranthybrid.harness.controlplane.SimulatedControlPlane;
import io.qdranthybrid.harness.junit.HybridCloudTest;
import io.qdranthybrid.harness.qdrant.SimulatedQdrantCluster;
import io.qdranthybrid.harness.stack.Faults;
import io.qdranthybrid.harness.stack.HybridEnvironment;
import io.qdranthybrid.harness.timeline.Timeline;
import org.junit.jupiter.api.Test;

import java.time.Duration;

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
        qdrant.seedCollection("products", 3, 2, 5_000);

        timeline.mark("crashing node 1");
        faults.crashQdrantNode("search", 1);

        env.awaitCluster("search", ClusterPhase.HEALTHY, CONVERGE);
        qdrant.assertNoDataLost();
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
