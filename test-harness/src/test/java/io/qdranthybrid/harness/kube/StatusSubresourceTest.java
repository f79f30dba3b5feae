package io.qdranthybrid.harness.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StatusSubresourceTest {

  @RegisterExtension
  final ApiServerFixture api = new ApiServerFixture(List.of(TestCrds.widgets()));

  static StatefulSet statefulSet(String name, int replicas) {
    return new StatefulSetBuilder().withNewMetadata().withName(name).withNamespace("test").endMetadata()
        .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", name).endSelector().endSpec()
        .build();
  }

  @Test
  void createIgnoresStatusOfKindsWithStatusSubresource() {
    StatefulSet withStatus = new StatefulSetBuilder(statefulSet("s", 1)).withNewStatus().withReplicas(7).endStatus()
        .build();

    StatefulSet created = api.client().resource(withStatus).create();

    assertThat(created.getStatus()).isNull();
  }

  @Test
  void specWriteDoesNotChangeStatus() {
    api.client().resource(statefulSet("s", 1)).create();
    api.client().apps().statefulSets().withName("s").editStatus(s -> new StatefulSetBuilder(s).withNewStatus()
        .withReplicas(1).endStatus().build());

    StatefulSet current = api.client().apps().statefulSets().withName("s").get();
    StatefulSet updated = api.client().resource(new StatefulSetBuilder(current).editSpec().withReplicas(3).endSpec()
        .editStatus().withReplicas(99).endStatus().build()).update();

    assertThat(updated.getSpec().getReplicas()).isEqualTo(3);
    assertThat(updated.getStatus().getReplicas()).isEqualTo(1);
  }

  @Test
  void statusWriteChangesOnlyStatus() {
    Pod pod = api.client().resource(new PodBuilder().withNewMetadata().withName("p").endMetadata().withNewSpec()
        .withNodeName("node-a").endSpec().build()).create();

    Pod written = api.client().resource(new PodBuilder(pod).editSpec().withNodeName("node-b").endSpec()
        .editMetadata().addToLabels("sneaky", "yes").endMetadata()
        .withNewStatus().withPhase("Running").endStatus().build()).updateStatus();

    assertThat(written.getStatus().getPhase()).isEqualTo("Running");
    assertThat(written.getSpec().getNodeName()).isEqualTo("node-a");
    assertThat(written.getMetadata().getLabels()).doesNotContainKey("sneaky");
    assertThat(written.getMetadata().getGeneration()).isEqualTo(pod.getMetadata().getGeneration());
  }

  @Test
  void statusPatchChangesOnlyStatus() {
    api.client().resource(statefulSet("s", 2)).create();

    StatefulSet patched = api.client().apps().statefulSets().withName("s").patchStatus(new StatefulSetBuilder(
        statefulSet("s", 5)).withNewStatus().withReadyReplicas(2).endStatus().build());

    assertThat(patched.getStatus().getReadyReplicas()).isEqualTo(2);
    assertThat(patched.getSpec().getReplicas()).isEqualTo(2);
  }

  @Test
  void customResourceWithStatusSubresourceKeepsStatusOnSpecWrite() {
    GenericKubernetesResource created = api.client().resource(TestCrds.widget("test", "w", 1)).create();
    created.setAdditionalProperty("status", Map.of("currentNodes", 1));
    api.client().resource(created).updateStatus();

    GenericKubernetesResource current = api.client().genericKubernetesResources(TestCrds.API_VERSION, "Widget")
        .withName("w").get();
    current.setAdditionalProperty("spec", Map.of("size", 3));
    current.setAdditionalProperty("status", Map.of("currentNodes", 42));
    GenericKubernetesResource updated = api.client().resource(current).update();

    assertThat(updated.get("spec", "size").toString()).isEqualTo("3");
    assertThat(updated.get("status", "currentNodes").toString()).isEqualTo("1");
  }

  @Test
  void kindWithoutStatusSubresourceHasNoStatusEndpoint() {
    api.client().resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata().withName("c")
        .endMetadata().build()).create();

    RawHttp.Reply reply = api.http().send("PUT", "/api/v1/namespaces/test/configmaps/c/status",
        "application/json", "{\"metadata\":{\"name\":\"c\"}}");

    assertThat(reply.code()).isEqualTo(404);
  }
}
