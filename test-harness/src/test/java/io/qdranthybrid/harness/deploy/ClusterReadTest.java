package io.qdranthybrid.harness.deploy;

import io.qdranthybrid.harness.controlplane.EnvironmentView;
import io.qdranthybrid.harness.controlplane.SimulatedControlPlane;
import io.qdranthybrid.harness.junit.HybridCloudTest;
import io.qdranthybrid.harness.kube.controllers.storage.SimulatedStorageClasses;
import io.qdranthybrid.harness.stack.HybridEnvironment;
import io.qdranthybrid.harness.stack.StackCluster;
import io.qdranthybrid.harness.timeline.Timeline;
import io.qdranthybrid.protocol.message.ComponentStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The optional cluster-read components of deploy/ both ways: with them the environment status has the node count,
 * storage classes and volume snapshot classes; without them it says what the agent could not read and how to grant it.
 */
@HybridCloudTest(nodes = 3)
class ClusterReadTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @Test
  void withClusterReadTheEnvironmentReportsNodesStorageAndSnapshotClasses(HybridEnvironment env) {
    EnvironmentView view = await().atMost(TIMEOUT).until(env::view, v -> v.nodeCount() != null);

    assertThat(view.nodeCount()).isEqualTo(3);
    assertThat(view.storageClasses()).contains(SimulatedStorageClasses.SIM_CSI);
    assertThat(view.volumeSnapshotClasses()).isNotEmpty();
    assertThat(agent(view).message()).isEmpty();
  }

  @Test
  void withoutClusterReadTheEnvironmentSaysWhatItCannotSeeAndHowToGrantIt(SimulatedControlPlane controlPlane,
                                                                          StackCluster cluster) {
    String namespace = cluster.cluster().createNamespace("no-cluster-read");
    try (HybridEnvironment env = HybridEnvironment.create(controlPlane, cluster, namespace, namespace,
        cluster.defaultSettings().withoutClusterRead(), new Timeline("without-cluster-read"))) {
      env.onboard();
      EnvironmentView view = env.awaitReady(TIMEOUT);

      assertThat(view.nodeCount()).as("unknown, not 0").isNull();
      assertThat(view.storageClasses()).isEmpty();
      assertThat(view.volumeSnapshotClasses()).isEmpty();
      assertThat(agent(view).message())
          .contains("could not read nodes (HTTP 403, forbidden by RBAC)", "storage classes (HTTP 403",
              "volume snapshot classes (HTTP 403")
          .contains("deploy/kustomize/components/agent-cluster-read", "clusterRead.enabled=true");
    }
  }

  private static ComponentStatus agent(EnvironmentView view) {
    return view.components().stream().filter(c -> c.name().equals("qdrant-cloud-agent")).findFirst().orElseThrow();
  }
}
