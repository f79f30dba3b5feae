package io.qdranthybrid.harness.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code default}s of a CRD's structural schema, applied on every write before validation. Mirrors
 * k8s.io/apiextensions-apiserver/pkg/apiserver/schema/defaulting/algorithm.go (defaults are deep-copied into absent
 * properties, nested defaults apply inside them; non-nullable nulls take the default or are dropped) and the
 * defaulting section of
 * https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#defaulting
 */
class CrdSchemaDefaultingConformanceTest {

  @RegisterExtension
  final ApiServerFixture fixture = new ApiServerFixture(List.of(Gadgets.crd()));

  private Gadgets gadgets() {
    return new Gadgets(fixture.http());
  }

  @Test
  void absentFieldsGetTheirDefaultsOnCreate() {
    JsonNode spec = gadgets().createValid("g", "{\"id\":\"ab\"}").body().path("spec");
    assertThat(spec.path("replicas").asInt()).isEqualTo(1);
    assertThat(spec.path("mode").asText()).isEqualTo("Safe");
    // service defaults to {} and then its own property default applies inside it.
    assertThat(spec.path("service").path("type").asText()).isEqualTo("ClusterIP");
  }

  @Test
  void sentValuesWin() {
    JsonNode spec = gadgets().createValid("g", "{\"id\":\"ab\",\"replicas\":3,\"service\":{\"type\":\"NodePort\"}}")
        .body().path("spec");
    assertThat(spec.path("replicas").asInt()).isEqualTo(3);
    assertThat(spec.path("service").path("type").asText()).isEqualTo("NodePort");
  }

  @Test
  void defaultsApplyInsideListItems() {
    JsonNode ports = gadgets().createValid("g", "{\"id\":\"ab\",\"ports\":[{\"name\":\"http\"}]}").body()
        .path("spec").path("ports");
    assertThat(ports.get(0).path("port").asInt()).isEqualTo(80);
  }

  @Test
  void aNullInANonNullableFieldTakesTheDefault() {
    JsonNode spec = gadgets().createValid("g", "{\"id\":\"ab\",\"mode\":null}").body().path("spec");
    assertThat(spec.path("mode").asText()).isEqualTo("Safe");
  }

  @Test
  void defaultsApplyOnUpdateAndPatchWhenAFieldIsRemoved() {
    gadgets().createValid("g", "{\"id\":\"ab\",\"mode\":\"Fast\"}");
    RawHttp.Reply patched = gadgets().patch("g", "application/merge-patch+json", "{\"spec\":{\"mode\":null}}");
    assertThat(patched.code()).isEqualTo(200);
    assertThat(patched.body().path("spec").path("mode").asText()).isEqualTo("Safe");
  }

  @Test
  void objectsStoredBeforeADefaultWasAddedReadBackWithIt() {
    String resourceVersion = gadgets().createValid("g", "{\"id\":\"ab\"}").body().path("metadata")
        .path("resourceVersion").asText();
    fixture.client().apiextensions().v1().customResourceDefinitions().withName("gadgets.conformance.example.com")
        .edit(crd -> {
          var spec = crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties().get("spec");
          spec.getProperties().put("colour", new JSONSchemaPropsBuilder().withType("string")
              .withDefault(new TextNode("blue")).build());
          return crd;
        });
    JsonNode read = gadgets().get("g").body();
    assertThat(read.path("spec").path("colour").asText()).isEqualTo("blue");
    assertThat(read.path("metadata").path("resourceVersion").asText()).as("a read, not a write")
        .isEqualTo(resourceVersion);
    assertThat(fixture.http().get(Gadgets.GROUP_PATH + "gadgets").body().path("items").get(0).path("spec")
        .path("colour").asText()).isEqualTo("blue");
  }
}
