package io.qdranthybrid.harness.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static io.qdranthybrid.harness.kube.StatusSubresourceTest.statefulSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ScaleSubresourceTest {

  @RegisterExtension
  final ApiServerFixture api = new ApiServerFixture(List.of(TestCrds.widgets()));

  @Test
  void statefulSetScaleReadsSpecAndStatusAsAutoscalingScale() {
    api.client().resource(statefulSet("s", 3)).create();
    api.client().apps().statefulSets().withName("s")
        .editStatus(s -> new StatefulSetBuilder(s).withNewStatus().withReplicas(2).endStatus().build());

    RawHttp.Reply scale = api.http().get("/apis/apps/v1/namespaces/test/statefulsets/s/scale");

    assertThat(scale.code()).isEqualTo(200);
    assertThat(scale.body().path("apiVersion").asText()).isEqualTo("autoscaling/v1");
    assertThat(scale.body().path("kind").asText()).isEqualTo("Scale");
    assertThat(scale.body().path("spec").path("replicas").asInt()).isEqualTo(3);
    assertThat(scale.body().path("status").path("replicas").asInt()).isEqualTo(2);
    assertThat(scale.body().path("status").path("selector").asText()).isEqualTo("app=s");
  }

  @Test
  void statefulSetScaleWriteChangesReplicasAndGeneration() {
    api.client().resource(statefulSet("s", 3)).create();

    api.client().apps().statefulSets().withName("s").scale(5);

    var scaled = api.client().apps().statefulSets().withName("s").get();
    assertThat(scaled.getSpec().getReplicas()).isEqualTo(5);
    assertThat(scaled.getMetadata().getGeneration()).isEqualTo(2);
  }

  @Test
  void scalePatchAppliesToTheScaleView() {
    api.client().resource(statefulSet("s", 3)).create();

    RawHttp.Reply reply = api.http().send("PATCH", "/apis/apps/v1/namespaces/test/statefulsets/s/scale",
        "application/merge-patch+json", "{\"spec\":{\"replicas\":1}}");

    assertThat(reply.code()).isEqualTo(200);
    assertThat(reply.body().path("spec").path("replicas").asInt()).isEqualTo(1);
    assertThat(api.client().apps().statefulSets().withName("s").get().getSpec().getReplicas()).isEqualTo(1);
  }

  @Test
  void customResourceScaleUsesTheDeclaredPaths() {
    GenericKubernetesResource widget = api.client().resource(TestCrds.widget("test", "w", 3)).create();
    widget.setAdditionalProperty("status", Map.of("currentNodes", 2, "selector", "app=w"));
    api.client().resource(widget).updateStatus();

    RawHttp.Reply scale = api.http().get("/apis/example.com/v1/namespaces/test/widgets/w/scale");
    RawHttp.Reply put = api.http().send("PUT", "/apis/example.com/v1/namespaces/test/widgets/w/scale", "application/json",
        "{\"apiVersion\":\"autoscaling/v1\",\"kind\":\"Scale\",\"metadata\":{\"name\":\"w\"},\"spec\":{\"replicas\":5}}");

    assertThat(scale.body().path("spec").path("replicas").asInt()).isEqualTo(3);
    assertThat(scale.body().path("status").path("replicas").asInt()).isEqualTo(2);
    assertThat(scale.body().path("status").path("selector").asText()).isEqualTo("app=w");
    assertThat(put.code()).isEqualTo(200);
    GenericKubernetesResource after = api.client().genericKubernetesResources(TestCrds.API_VERSION, "Widget").withName("w")
        .get();
    assertThat(after.get("spec", "size").toString()).isEqualTo("5");
  }

  @Test
  void qdrantClusterScaleUsesSizeAndCurrentNodes() {
    assumeTrue(api.server().resourceTypes().find("qdrant.io", "v1", "qdrantclusters").isPresent(),
        "hybrid-sdk does not ship the QdrantCluster CRD on this classpath");
    GenericKubernetesResource cluster = new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
        .withApiVersion("qdrant.io/v1").withKind("QdrantCluster").withNewMetadata().withName("qc")
        .withNamespace("test").endMetadata().withAdditionalProperties(Map.of("spec", Map.of("id", "qc", "size", 3, "version", "v1.12.3"))).build();
    api.client().resource(cluster).create();

    RawHttp.Reply put = api.http().send("PATCH", "/apis/qdrant.io/v1/namespaces/test/qdrantclusters/qc/scale",
        "application/merge-patch+json", "{\"spec\":{\"replicas\":5}}");

    assertThat(put.code()).isEqualTo(200);
    assertThat(put.body().path("spec").path("replicas").asInt()).isEqualTo(5);
    assertThat(api.client().genericKubernetesResources("qdrant.io/v1", "QdrantCluster").withName("qc").get()
        .get("spec", "size").toString()).isEqualTo("5");
  }

  @Test
  void staleScaleWriteIsRejectedWithConflict() {
    api.client().resource(statefulSet("s", 3)).create();

    RawHttp.Reply reply = api.http().send("PUT", "/apis/apps/v1/namespaces/test/statefulsets/s/scale", "application/json",
        "{\"metadata\":{\"name\":\"s\",\"resourceVersion\":\"1\"},\"spec\":{\"replicas\":5}}");

    assertThat(reply.code()).isEqualTo(409);
  }
}
