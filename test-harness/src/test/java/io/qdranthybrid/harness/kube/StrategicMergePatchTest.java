package io.qdranthybrid.harness.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Strategic merge patch of built-in kinds follows their patch merge keys and directives, as
 * k8s.io/apimachinery/pkg/util/strategicpatch/patch.go with the {@code patchMergeKey} tags of k8s.io/api/core/v1.
 */
class StrategicMergePatchTest {

  private static final String SMP = "application/strategic-merge-patch+json";
  private static final String POD = "/api/v1/namespaces/test/pods/p";

  @RegisterExtension
  final ApiServerFixture api = new ApiServerFixture();

  private Pod pod() {
    return api.client().pods().withName("p").get();
  }

  private void create() {
    api.client().resource(new PodBuilder().withNewMetadata().withName("p").withNamespace("test")
        .addToFinalizers("a").endMetadata().withNewSpec()
        .addNewContainer().withName("main").withImage("img:1")
        .addNewPort().withContainerPort(80).endPort().addNewPort().withContainerPort(81).endPort()
        .addNewEnv().withName("A").withValue("1").endEnv().addNewEnv().withName("B").withValue("2").endEnv()
        .endContainer()
        .addNewContainer().withName("side").withImage("side:1").endContainer()
        .addNewToleration().withKey("k1").withOperator("Exists").endToleration()
        .endSpec().build()).create();
  }

  private RawHttp.Reply patch(String body) {
    return api.http().send("PATCH", POD, SMP, body);
  }

  @Test
  void containerFieldsMergeByNameAndPortsByContainerPort() {
    create();

    RawHttp.Reply reply = patch("{\"spec\":{\"containers\":[{\"name\":\"main\",\"ports\":[{\"containerPort\":81,"
        + "\"name\":\"metrics\"}],\"env\":[{\"name\":\"B\",\"value\":\"3\"}]}]}}");

    assertThat(reply.code()).isEqualTo(200);
    var main = pod().getSpec().getContainers().get(0);
    assertThat(pod().getSpec().getContainers()).extracting(c -> c.getName()).containsExactly("main", "side");
    assertThat(main.getImage()).isEqualTo("img:1");
    assertThat(main.getPorts()).extracting(p -> p.getContainerPort()).containsExactly(80, 81);
    assertThat(main.getPorts().get(1).getName()).isEqualTo("metrics");
    assertThat(main.getEnv()).extracting(e -> e.getName() + "=" + e.getValue()).containsExactly("A=1", "B=3");
  }

  @Test
  void patchDeleteRemovesTheItemWithThatKey() {
    create();

    patch("{\"spec\":{\"containers\":[{\"name\":\"side\",\"$patch\":\"delete\"}]}}");

    assertThat(pod().getSpec().getContainers()).extracting(c -> c.getName()).containsExactly("main");
  }

  @Test
  void listsWithoutAMergeKeyAreReplacedAndFinalizersMergeAsASet() {
    create();

    patch("{\"metadata\":{\"finalizers\":[\"b\",\"a\"]},\"spec\":{\"tolerations\":[{\"key\":\"k2\","
        + "\"operator\":\"Exists\"}]}}");

    assertThat(pod().getMetadata().getFinalizers()).containsExactly("a", "b");
    assertThat(pod().getSpec().getTolerations()).extracting(t -> t.getKey()).containsExactly("k2");
  }

  @Test
  void retainKeysDropsTheFieldsItDoesNotList() {
    create();

    patch("{\"spec\":{\"containers\":[{\"name\":\"main\",\"$retainKeys\":[\"name\",\"image\"],"
        + "\"image\":\"img:2\"}]}}");

    var main = pod().getSpec().getContainers().get(0);
    assertThat(main.getImage()).isEqualTo("img:2");
    assertThat(main.getPorts()).isEmpty();
    assertThat(main.getEnv()).isEmpty();
  }

  @Test
  void deleteFromPrimitiveListRemovesThoseValues() {
    create();

    patch("{\"metadata\":{\"$deleteFromPrimitiveList/finalizers\":[\"a\"]}}");

    assertThat(pod().getMetadata().getFinalizers()).isEmpty();
  }
}
