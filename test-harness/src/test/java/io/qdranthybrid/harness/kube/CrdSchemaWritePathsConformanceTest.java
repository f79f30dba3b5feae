package io.qdranthybrid.harness.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static io.qdranthybrid.harness.kube.Gadgets.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every write of a custom resource goes through the schema, as in apiextensions-apiserver's registry
 * (apiextensions-apiserver/pkg/registry/customresource/strategy.go for create and update, status_strategy.go for
 * /status, and the scale subresource's update of the main object): PUT, the three patch types, server-side apply
 * (on create and on update), /status and /scale. A refused write stores nothing.
 */
class CrdSchemaWritePathsConformanceTest {

  private static final String TOO_MANY = "spec.replicas: Invalid value: 11: spec.replicas in body should be less "
      + "than or equal to 10";
  private static final String TOO_MANY_CAUSE = "FieldValueInvalid|spec.replicas|Invalid value: 11: spec.replicas in "
      + "body should be less than or equal to 10";

  @RegisterExtension
  final ApiServerFixture fixture = new ApiServerFixture(List.of(Gadgets.crd()));

  private Gadgets gadgets() {
    return new Gadgets(fixture.http());
  }

  @Test
  void putIsValidatedAndARefusedPutStoresNothing() {
    RawHttp.Reply created = gadgets().createValid("g", "{\"id\":\"ab\"}");
    ObjectNode changed = (ObjectNode) created.body().deepCopy();
    ((ObjectNode) changed.path("spec")).put("replicas", 11);
    assertInvalid(gadgets().put("g", changed), "g", TOO_MANY, TOO_MANY_CAUSE);
    assertThat(gadgets().get("g").body().path("spec").path("replicas").asInt()).isEqualTo(1);
  }

  @Test
  void everyPatchTypeACustomResourceAcceptsIsValidated() {
    gadgets().createValid("g", "{\"id\":\"ab\"}");
    assertInvalid(gadgets().patch("g", "application/merge-patch+json", "{\"spec\":{\"replicas\":11}}"), "g", TOO_MANY,
        TOO_MANY_CAUSE);
    assertInvalid(gadgets().patch("g", "application/json-patch+json",
        "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":11}]"), "g", TOO_MANY, TOO_MANY_CAUSE);
  }

  @Test
  void serverSideApplyIsValidatedOnCreateAndUpdate() {
    String applied = "apiVersion: conformance.example.com/v1\nkind: Gadget\nmetadata:\n  name: g\nspec:\n  id: ab\n"
        + "  replicas: %d\n";
    assertInvalid(gadgets().apply("g", applied.formatted(11)), "g", TOO_MANY, TOO_MANY_CAUSE);
    assertThat(gadgets().get("g").code()).isEqualTo(404);
    // (The status code of apply-create, 201 on a real server, belongs to the server-side apply work.)
    assertThat(gadgets().apply("g", applied.formatted(2)).code()).isIn(200, 201);
    assertInvalid(gadgets().apply("g", applied.formatted(11)), "g", TOO_MANY, TOO_MANY_CAUSE);
  }

  @Test
  void statusWritesAreValidatedAgainstTheStatusSchema() {
    gadgets().createValid("g", "{\"id\":\"ab\"}");
    assertInvalid(gadgets().patchStatus("g", "{\"phase\":\"Lost\"}"), "g",
        "status.phase: Unsupported value: \"Lost\": supported values: \"Pending\", \"Ready\"",
        "FieldValueNotSupported|status.phase|Unsupported value: \"Lost\": supported values: \"Pending\", \"Ready\"");
  }

  @Test
  void scaleWritesAreValidatedAgainstTheFieldTheyWrite() {
    gadgets().createValid("g", "{\"id\":\"ab\"}");
    assertInvalid(gadgets().patchScale("g", 11), "g", TOO_MANY, TOO_MANY_CAUSE);
    assertThat(gadgets().get("g").body().path("spec").path("replicas").asInt()).isEqualTo(1);
  }

  @Test
  void fabric8SeesTheRealStatusWithCauses() {
    var context = new ResourceDefinitionContext.Builder().withGroup("conformance.example.com").withVersion("v1")
        .withKind("Gadget").withPlural("gadgets").withNamespaced(true).build();
    GenericKubernetesResource gadget = new GenericKubernetesResource();
    gadget.setApiVersion("conformance.example.com/v1");
    gadget.setKind("Gadget");
    gadget.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("g").build());
    gadget.setAdditionalProperty("spec", Map.of("id", "ab", "replicas", 11));
    assertThatThrownBy(() -> fixture.client().genericKubernetesResources(context).inNamespace("test")
        .resource(gadget).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(422);
          assertThat(e.getStatus().getReason()).isEqualTo("Invalid");
          assertThat(e.getStatus().getDetails().getCauses()).singleElement()
              .satisfies(c -> assertThat(c.getField()).isEqualTo("spec.replicas"));
        });
  }
}
