package io.qdranthybrid.harness.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.SSABasedGenericKubernetesResourceMatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.reflect.Proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An idiomatic JOSDK operator with SSA-based dependent resources on the simulated API server: JOSDK applies with
 * {@code forceConflicts()} under its field manager and, before applying again, asks
 * {@link SSABasedGenericKubernetesResourceMatcher} whether the fields its manager owns (read from
 * {@code metadata.managedFields}) already hold the desired values. On a real API server a no-op reconcile writes
 * nothing; this proves the same here, defaults and canonical forms included.
 */
class JosdkServerSideApplyTest {

  private static final String MANAGER = "qdrantcluster-reconciler";

  @RegisterExtension
  final ApiServerFixture api = new ApiServerFixture();

  private final SSABasedGenericKubernetesResourceMatcher<HasMetadata> matcher =
      SSABasedGenericKubernetesResourceMatcher.getInstance();

  /** What JOSDK's KubernetesDependentResource does on each reconcile: apply only when the matcher says so. */
  private <T extends HasMetadata> boolean reconcile(T desired) {
    KubernetesClient client = api.client();
    @SuppressWarnings("unchecked")
    T actual = (T) client.resource(desired).get();
    if (actual != null && matcher.matches(actual, desired, context(client))) {
      return false;
    }
    client.resource(desired).fieldManager(MANAGER).forceConflicts().serverSideApply();
    return true;
  }

  @Test
  void reconcilingAnUnchangedStatefulSetWritesNothing() {
    assertThat(reconcile(statefulSet(3, "500m"))).isTrue();
    String version = api.client().apps().statefulSets().withName("qdrant").get().getMetadata().getResourceVersion();
    api.server().journal().reset();

    for (int i = 0; i < 3; i++) {
      assertThat(reconcile(statefulSet(3, "500m"))).as("reconcile %d applies", i).isFalse();
    }

    assertThat(api.server().journal().writes()).isZero();
    assertThat(api.client().apps().statefulSets().withName("qdrant").get().getMetadata().getResourceVersion())
        .isEqualTo(version);
  }

  @Test
  void reapplyingTheSameObjectTwiceLeavesItUnchanged() {
    ConfigMap desired = configMap("1");
    ConfigMap first = api.client().resource(desired).fieldManager(MANAGER).forceConflicts().serverSideApply();

    ConfigMap second = api.client().resource(configMap("1")).fieldManager(MANAGER).forceConflicts().serverSideApply();

    assertThat(second.getMetadata().getResourceVersion()).isEqualTo(first.getMetadata().getResourceVersion());
    assertThat(second.getMetadata().getManagedFields()).isEqualTo(first.getMetadata().getManagedFields());
  }

  @Test
  void aSecondManagerConflictsAndTheOperatorTakesItsFieldBackByForce() {
    reconcile(statefulSet(3, "500m"));
    StatefulSet scaledByHand = statefulSetReplicasOnly(5);

    assertThatThrownBy(() -> api.client().resource(scaledByHand).fieldManager("kubectl").serverSideApply())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(409);
          assertThat(e.getStatus().getMessage()).isEqualTo(
              "Apply failed with 1 conflict: conflict with \"" + MANAGER + "\": .spec.replicas");
        });
    api.client().resource(scaledByHand).fieldManager("kubectl").forceConflicts().serverSideApply();
    assertThat(api.client().apps().statefulSets().withName("qdrant").get().getSpec().getReplicas()).isEqualTo(5);

    assertThat(reconcile(statefulSet(3, "500m"))).as("the operator notices the drift").isTrue();
    assertThat(api.client().apps().statefulSets().withName("qdrant").get().getSpec().getReplicas()).isEqualTo(3);
    assertThat(reconcile(statefulSet(3, "500m"))).as("and then rests").isFalse();
  }

  private static Context<?> context(KubernetesClient client) {
    ControllerConfiguration<?> configuration = (ControllerConfiguration<?>) Proxy.newProxyInstance(
        JosdkServerSideApplyTest.class.getClassLoader(), new Class<?>[] {ControllerConfiguration.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "fieldManager" -> MANAGER;
          case "getName" -> "qdrantcluster";
          case "toString" -> "test configuration";
          default -> throw new UnsupportedOperationException(method.getName());
        });
    return (Context<?>) Proxy.newProxyInstance(JosdkServerSideApplyTest.class.getClassLoader(),
        new Class<?>[] {Context.class}, (proxy, method, args) -> switch (method.getName()) {
          case "getControllerConfiguration" -> configuration;
          case "getClient" -> client;
          case "toString" -> "test context";
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  private static ConfigMap configMap(String value) {
    return new ConfigMapBuilder().withNewMetadata().withName("c").withNamespace("test").endMetadata()
        .addToData("a", value).build();
  }

  private static StatefulSet statefulSet(int replicas, String cpu) {
    return new StatefulSetBuilder().withNewMetadata().withName("qdrant").withNamespace("test")
        .addToLabels("app", "qdrant").endMetadata()
        .withNewSpec().withReplicas(replicas).withServiceName("qdrant-headless")
        .withNewSelector().addToMatchLabels("app", "qdrant").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "qdrant").endMetadata().withNewSpec()
        .addNewContainer().withName("qdrant").withImage("qdrant/qdrant:v1.12.3")
        .addNewPort().withName("http").withContainerPort(6333).endPort()
        .addNewPort().withName("grpc").withContainerPort(6334).endPort()
        .addNewEnv().withName("QDRANT__CLUSTER__ENABLED").withValue("true").endEnv()
        .withNewResources().addToRequests("cpu", new Quantity(cpu)).addToRequests("memory", new Quantity("1Gi"))
        .endResources()
        .addNewVolumeMount().withName("data").withMountPath("/qdrant/storage").endVolumeMount()
        .endContainer().endSpec().endTemplate()
        .addNewVolumeClaimTemplate().withNewMetadata().withName("data").endMetadata().withNewSpec()
        .withAccessModes("ReadWriteOnce").withNewResources().addToRequests("storage", new Quantity("10Gi"))
        .endResources().endSpec().endVolumeClaimTemplate()
        .endSpec().build();
  }

  private static StatefulSet statefulSetReplicasOnly(int replicas) {
    return new StatefulSetBuilder().withNewMetadata().withName("qdrant").withNamespace("test").endMetadata()
        .withNewSpec().withReplicas(replicas).endSpec().build();
  }
}
