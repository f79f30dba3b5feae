package io.qdranthybrid.harness.deploy;

import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.harness.controlplane.ControlPlaneSettings;
import io.qdranthybrid.harness.controlplane.NewCluster;
import io.qdranthybrid.harness.controlplane.SimulatedControlPlane;
import io.qdranthybrid.harness.kube.controllers.kubelet.KubeletSettings;
import io.qdranthybrid.harness.stack.HybridEnvironment;
import io.qdranthybrid.harness.stack.StackCluster;
import io.qdranthybrid.harness.timeline.Timeline;
import io.qdranthybrid.platform.environment.EnvironmentPhase;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documented install (deploy/README.md: {@code kubectl apply -k deploy/kustomize/crds}, then
 * {@code deploy/kustomize/install}) on a cluster where nobody applied {@code deploy/kustomize/helm-crds}: the
 * environment still becomes READY and a cluster created through the control plane syncs and turns Healthy.
 */
class InstallWithoutHelmCrdsTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  @Test
  void environmentBecomesReadyAndItsClusterSyncsWithoutTheHelmCrds() {
    try (StackCluster cluster = StackCluster.simulated(SimulatedCluster.Settings.defaults().withoutHelmCrds()
            .withKubelet(KubeletSettings.defaults().withProbeTimeScale(0.1)));
         SimulatedControlPlane controlPlane = SimulatedControlPlane.start(ControlPlaneSettings.fast())) {
      String namespace = cluster.cluster().createNamespace("nohelm");
      try (HybridEnvironment env = HybridEnvironment.create(controlPlane, cluster, namespace, namespace,
          cluster.defaultSettings(), new Timeline("install-without-helm-crds"))) {
        assertThat(env.client().apiextensions().v1().customResourceDefinitions()
            .withName("helmreleases.cd.qdrant.io").get()).as("no Helm CRDs installed").isNull();

        env.onboard();
        env.awaitReady(TIMEOUT);
        env.createCluster(NewCluster.of("orders", 1, "v1.12.3"));
        env.awaitCluster("orders", ClusterPhase.HEALTHY, TIMEOUT);

        assertThat(env.view().phase()).isEqualTo(EnvironmentPhase.READY);
        assertThat(env.view().acknowledgedRevision()).isEqualTo(env.view().desiredRevision());
      }
    }
  }
}
