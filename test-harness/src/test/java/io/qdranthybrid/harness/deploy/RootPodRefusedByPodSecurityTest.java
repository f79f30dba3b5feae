package io.qdranthybrid.harness.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterSpec;
import io.qdranthybrid.crd.QdrantSecurityContext;
import io.qdranthybrid.crd.Storage;
import io.qdranthybrid.harness.controlplane.SimulatedControlPlane;
import io.qdranthybrid.harness.junit.HybridCloudTest;
import io.qdranthybrid.harness.stack.HybridEnvironment;
import io.qdranthybrid.harness.stack.StackCluster;
import io.qdranthybrid.harness.stack.StackSettings;
import io.qdranthybrid.harness.timeline.Timeline;
import io.qdranthybrid.operator.policy.PodPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A QdrantCluster asking for a root pod with a hostPath mount: the operator's default pod policy refuses it before
 * anything is created; with that policy relaxed, the install namespace's Pod Security level (restricted, from
 * deploy/kustomize/namespace) refuses the pod itself, visibly on its StatefulSet.
 */
@HybridCloudTest(onboard = false)
class RootPodRefusedByPodSecurityTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theOperatorsDefaultPolicyRefusesItFirst(HybridEnvironment env) {
    env.client().resource(rootClusterWithHostPath(env.namespace())).create();

    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(status(env))
        .contains("AllowedByPodPolicy").contains("spec.storage.additionalVolumes[0].hostPath"));
    assertThat(env.client().apps().statefulSets().inNamespace(env.namespace()).list().getItems()).isEmpty();
  }

  @Test
  void withThePolicyRelaxedPodSecurityAdmissionRefusesThePod(SimulatedControlPlane controlPlane, StackCluster cluster) {
    PodPolicy relaxed = new PodPolicy(List.of(), true, Set.of("hostPath", "emptyDir"),
        Pattern.compile("qdrant-[a-z0-9.-]+"), PodPolicy.DEFAULT_PROTECTED_SECRETS,
        PodPolicy.DEFAULT_SERVICE_ANNOTATIONS, PodPolicy.DEFAULT_INGRESS_ANNOTATIONS);
    StackSettings settings = cluster.defaultSettings();
    settings = settings.withOperatorDefaults(settings.operatorDefaults().withPodPolicy(relaxed));
    String namespace = cluster.cluster().createNamespace("psa-relaxed");
    try (HybridEnvironment env = HybridEnvironment.create(controlPlane, cluster, namespace, namespace, settings,
        new Timeline("psa-relaxed"))) {
      env.client().resource(rootClusterWithHostPath(namespace)).create();

      Event refused = await().atMost(TIMEOUT).until(() -> env.client().v1().events().inNamespace(namespace).list()
          .getItems().stream().filter(e -> "FailedCreate".equals(e.getReason())
              && "StatefulSet".equals(e.getInvolvedObject().getKind())).findFirst().orElse(null),
          e -> e != null);
      assertThat(refused.getType()).isEqualTo("Warning");
      assertThat(refused.getMessage()).contains("violates PodSecurity \"restricted:latest\"")
          .contains("hostPath volumes (volume \"host\")").contains("runAsUser=0");
      assertThat(env.client().pods().inNamespace(namespace).list().getItems()).isEmpty();
      QdrantCluster live = env.client().resources(QdrantCluster.class).inNamespace(namespace).withName("qdrant-root")
          .get();
      assertThat(live.getStatus() == null ? null : live.getStatus().getPhase()).isNotEqualTo(ClusterPhase.HEALTHY);
      // The operator reads the StatefulSet's events (the shipped Role lets it list them) and says why, and what to do.
      await().atMost(TIMEOUT).untilAsserted(() -> assertThat(status(env.client(), namespace))
          .contains("StatefulSet qdrant-root: pods cannot be created: create Pod qdrant-root-0")
          .contains("violates PodSecurity").contains("pod-security.kubernetes.io/enforce"));
    }
  }

  private static String status(HybridEnvironment env) {
    return status(env.client(), env.namespace());
  }

  private static String status(io.fabric8.kubernetes.client.KubernetesClient client, String namespace) {
    QdrantCluster live = client.resources(QdrantCluster.class).inNamespace(namespace).withName("qdrant-root").get();
    return live == null || live.getStatus() == null ? "" : JSON.valueToTree(live.getStatus()).toString();
  }

  private static QdrantCluster rootClusterWithHostPath(String namespace) {
    QdrantClusterSpec spec = new QdrantClusterSpec();
    spec.setId("root");
    spec.setSize(1);
    spec.setVersion("v1.12.3");
    QdrantSecurityContext security = new QdrantSecurityContext();
    security.setUser(0L);
    spec.setSecurity(security);
    Storage storage = new Storage();
    storage.setAdditionalVolumes(List.of(new VolumeBuilder().withName("host").withNewHostPath("/var/lib", null)
        .build()));
    spec.setStorage(storage);
    QdrantCluster cluster = new QdrantCluster();
    cluster.setMetadata(new ObjectMetaBuilder().withName("qdrant-root").withNamespace(namespace).build());
    cluster.setSpec(spec);
    return cluster;
  }
}
