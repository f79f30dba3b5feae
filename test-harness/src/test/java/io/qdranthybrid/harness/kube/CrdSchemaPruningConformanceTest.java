package io.qdranthybrid.harness.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pruning of undeclared fields and the {@code Warning} headers that report them. Mirrors
 * k8s.io/apiextensions-apiserver/pkg/apiserver/schema/pruning/algorithm.go (kept: {@code apiVersion}, {@code kind},
 * {@code metadata} at the root and in {@code x-kubernetes-embedded-resource} objects, whose metadata keeps only
 * ObjectMeta fields; everything under {@code x-kubernetes-preserve-unknown-fields}) and the unknown-field warnings of
 * field validation (https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation: the default
 * {@code Warn} level), sent as {@code Warning: 299 - "unknown field \"spec.foo\""}.
 */
class CrdSchemaPruningConformanceTest {

  @RegisterExtension
  final ApiServerFixture fixture = new ApiServerFixture(List.of(Gadgets.crd()));

  private Gadgets gadgets() {
    return new Gadgets(fixture.http());
  }

  @Test
  void undeclaredFieldsArePrunedAndReportedOnCreate() {
    RawHttp.Reply reply = gadgets().createValid("g",
        "{\"id\":\"ab\",\"colour\":\"red\",\"ports\":[{\"name\":\"http\",\"proto\":\"TCP\"}]}");
    assertThat(reply.body().path("spec").has("colour")).isFalse();
    assertThat(reply.body().path("spec").path("ports").get(0).has("proto")).isFalse();
    assertThat(Gadgets.warnings(reply)).containsExactly("299 - \"unknown field \\\"spec.colour\\\"\"",
        "299 - \"unknown field \\\"spec.ports[0].proto\\\"\"");
    assertThat(gadgets().get("g").body().path("spec").has("colour")).as("not stored either").isFalse();
  }

  @Test
  void undeclaredTopLevelAndMetadataFieldsArePruned() {
    String body = "{\"apiVersion\":\"conformance.example.com/v1\",\"kind\":\"Gadget\",\"metadata\":{\"name\":\"g\","
        + "\"colour\":\"red\"},\"spec\":{\"id\":\"ab\"},\"extra\":1}";
    RawHttp.Reply reply = fixture.http().send("POST", Gadgets.GROUP_PATH + "gadgets", "application/json", body);
    assertThat(reply.code()).isEqualTo(201);
    assertThat(reply.body().has("extra")).isFalse();
    assertThat(reply.body().path("metadata").has("colour")).isFalse();
    assertThat(Gadgets.warnings(reply)).containsExactlyInAnyOrder("299 - \"unknown field \\\"metadata.colour\\\"\"",
        "299 - \"unknown field \\\"extra\\\"\"");
  }

  @Test
  void preserveUnknownFieldsKeepsEverythingBelow() {
    RawHttp.Reply reply = gadgets().createValid("g", "{\"id\":\"ab\",\"options\":{\"anything\":{\"deep\":[1,2]}}}");
    assertThat(reply.body().path("spec").path("options").path("anything").path("deep").size()).isEqualTo(2);
    assertThat(Gadgets.warnings(reply)).isEmpty();
  }

  @Test
  void embeddedResourceKeepsItsTypeMetaAndOnlyObjectMetaFields() {
    RawHttp.Reply reply = gadgets().createValid("g", "{\"id\":\"ab\",\"template\":{\"apiVersion\":\"v1\","
        + "\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"labels\":{\"a\":\"b\"},\"bogus\":true},\"spec\":{\"x\":1}}}");
    JsonNode template = reply.body().path("spec").path("template");
    assertThat(template.path("kind").asText()).isEqualTo("Pod");
    assertThat(template.path("metadata").path("labels").path("a").asText()).isEqualTo("b");
    assertThat(template.path("metadata").has("bogus")).isFalse();
    assertThat(template.path("spec").path("x").asInt()).isEqualTo(1);
    assertThat(Gadgets.warnings(reply)).containsExactly("299 - \"unknown field \\\"spec.template.metadata.bogus\\\"\"");
  }

  @Test
  void embeddedResourceNeedsApiVersionAndKind() {
    Gadgets.assertInvalid(gadgets().create("g", "{\"id\":\"ab\",\"template\":{\"metadata\":{\"name\":\"p\"}}}"), "g",
        "[spec.template.apiVersion: Required value: must not be empty, spec.template.kind: Required value: must not "
            + "be empty]",
        "FieldValueRequired|spec.template.apiVersion|Required value: must not be empty",
        "FieldValueRequired|spec.template.kind|Required value: must not be empty");
  }

  @Test
  void updatesPatchesAndAppliesArePrunedWithWarningsToo() {
    RawHttp.Reply created = gadgets().createValid("g", "{\"id\":\"ab\"}");
    ObjectNode changed = (ObjectNode) created.body().deepCopy();
    ((ObjectNode) changed.path("spec")).put("viaPut", 1);
    RawHttp.Reply put = gadgets().put("g", changed);
    assertThat(put.body().path("spec").has("viaPut")).isFalse();
    assertThat(Gadgets.warnings(put)).containsExactly("299 - \"unknown field \\\"spec.viaPut\\\"\"");

    RawHttp.Reply merge = gadgets().patch("g", "application/merge-patch+json", "{\"spec\":{\"viaMerge\":1}}");
    assertThat(Gadgets.warnings(merge)).containsExactly("299 - \"unknown field \\\"spec.viaMerge\\\"\"");
    RawHttp.Reply json = gadgets().patch("g", "application/json-patch+json",
        "[{\"op\":\"add\",\"path\":\"/spec/viaJson\",\"value\":1}]");
    assertThat(Gadgets.warnings(json)).containsExactly("299 - \"unknown field \\\"spec.viaJson\\\"\"");
    RawHttp.Reply apply = gadgets().apply("g", "apiVersion: conformance.example.com/v1\nkind: Gadget\n"
        + "metadata:\n  name: g\nspec:\n  id: ab\n  viaApply: 1\n");
    assertThat(apply.code()).as("%s", apply.body()).isEqualTo(200);
    assertThat(Gadgets.warnings(apply)).containsExactly("299 - \"unknown field \\\"spec.viaApply\\\"\"");
    RawHttp.Reply status = gadgets().patchStatus("g", "{\"replicas\":1,\"viaStatus\":1}");
    assertThat(Gadgets.warnings(status)).containsExactly("299 - \"unknown field \\\"status.viaStatus\\\"\"");
    JsonNode stored = gadgets().get("g").body();
    assertThat(stored.path("spec").fieldNames()).toIterable().doesNotContain("viaPut", "viaMerge", "viaJson",
        "viaApply");
    assertThat(stored.path("status").has("viaStatus")).isFalse();
    assertThat(stored.path("status").path("replicas").asInt()).isEqualTo(1);
  }

  @Test
  void aFullyDeclaredWriteCarriesNoWarning() {
    assertThat(Gadgets.warnings(gadgets().createValid("g", "{\"id\":\"ab\",\"mode\":\"Fast\"}"))).isEmpty();
  }

  @Test
  void strictFieldValidationRefusesUnknownFieldsAsKubectlSeesIt() {
    RawHttp.Reply reply = fixture.http().send("POST", Gadgets.GROUP_PATH + "gadgets?fieldValidation=Strict",
        "application/json", gadgets().document("g", "{\"id\":\"ab\",\"colour\":\"red\",\"size\":1}"));
    assertThat(reply.code()).isEqualTo(400);
    assertThat(reply.body().path("reason").asText()).isEqualTo("BadRequest");
    assertThat(reply.body().path("message").asText()).isEqualTo("Gadget in version \"v1\" cannot be handled as a "
        + "Gadget: strict decoding error: unknown field \"spec.colour\", unknown field \"spec.size\"");
    assertThat(gadgets().get("g").code()).as("nothing stored").isEqualTo(404);
  }

  @Test
  void ignoreFieldValidationPrunesSilently() {
    RawHttp.Reply reply = fixture.http().send("POST", Gadgets.GROUP_PATH + "gadgets?fieldValidation=Ignore",
        "application/json", gadgets().document("g", "{\"id\":\"ab\",\"colour\":\"red\"}"));
    assertThat(reply.code()).isEqualTo(201);
    assertThat(reply.body().path("spec").has("colour")).isFalse();
    assertThat(Gadgets.warnings(reply)).isEmpty();
  }
}
