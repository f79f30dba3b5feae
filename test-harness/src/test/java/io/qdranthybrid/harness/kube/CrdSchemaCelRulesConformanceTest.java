package io.qdranthybrid.harness.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static io.qdranthybrid.harness.kube.Gadgets.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code x-kubernetes-validations} CEL rules: {@code self}, transition rules on {@code oldSelf} (run only on
 * updates with an old value, correlated through objects and list-maps), {@code message}, {@code messageExpression},
 * {@code fieldPath}, {@code reason}, and rules blocked by an already-invalid shape. Mirrors
 * k8s.io/apiextensions-apiserver/pkg/apiserver/schema/cel/validation.go and {@code hasBlockingErr} in
 * apiextensions-apiserver/pkg/registry/customresource/strategy.go; documented at
 * https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#validation-rules
 */
class CrdSchemaCelRulesConformanceTest {

  private static final String NOT_CHECKED = "some validation rules were not checked because the object was invalid; "
      + "correct the existing errors to complete validation";

  @RegisterExtension
  final ApiServerFixture fixture = new ApiServerFixture(List.of(Gadgets.gizmoCrd()));

  private Gadgets gizmos() {
    return new Gadgets(fixture.http(), "Gizmo", "gizmos");
  }

  @Test
  void ruleWithMessageAndFieldPathReportsAtThatField() {
    assertInvalid("Gizmo", gizmos().create("g", "{\"id\":\"a\",\"replicas\":11}"), "g",
        "spec.replicas: Invalid value: \"object\": replicas must not exceed maxReplicas",
        "FieldValueInvalid|spec.replicas|Invalid value: \"object\": replicas must not exceed maxReplicas");
  }

  @Test
  void ruleWithoutMessageReportsTheRule() {
    assertInvalid("Gizmo", gizmos().create("g", "{\"id\":\"a\",\"plain\":\"x\"}"), "g",
        "spec.plain: Invalid value: \"string\": failed rule: self.startsWith('p')",
        "FieldValueInvalid|spec.plain|Invalid value: \"string\": failed rule: self.startsWith('p')");
  }

  @Test
  void messageExpressionIsEvaluated() {
    assertInvalid("Gizmo", gizmos().create("g", "{\"id\":\"a\",\"tier\":\"gold\"}"), "g",
        "spec.tier: Invalid value: \"string\": tier gold is not offered here",
        "FieldValueInvalid|spec.tier|Invalid value: \"string\": tier gold is not offered here");
  }

  @Test
  void reasonChoosesTheCauseType() {
    assertInvalid("Gizmo", gizmos().create("g", "{\"id\":\"a\",\"owner\":\"root\"}"), "g",
        "spec.owner: Forbidden: root may not own a gizmo",
        "FieldValueForbidden|spec.owner|Forbidden: root may not own a gizmo");
  }

  @Test
  void transitionRulesRunOnlyOnUpdate() {
    // On create there is no oldSelf: "self == oldSelf" and "self >= oldSelf" do not run.
    gizmos().createValid("g", "{\"id\":\"a\",\"size\":5}");
    RawHttp.Reply shrink = gizmos().patch("g", "application/merge-patch+json",
        "{\"spec\":{\"id\":\"b\",\"size\":4}}");
    assertInvalid("Gizmo", shrink, "g",
        "[spec.id: Invalid value: \"string\": id is immutable, spec.size: Invalid value: \"integer\": failed rule: "
            + "self >= oldSelf]",
        "FieldValueInvalid|spec.id|Invalid value: \"string\": id is immutable",
        "FieldValueInvalid|spec.size|Invalid value: \"integer\": failed rule: self >= oldSelf");
    RawHttp.Reply grow = gizmos().patch("g", "application/merge-patch+json", "{\"spec\":{\"size\":6}}");
    assertThat(grow.code()).as("%s", grow.body()).isEqualTo(200);
  }

  @Test
  void transitionRuleRunsWhenTheOldObjectLacksTheFieldOnlyOnceItExists() {
    gizmos().createValid("g", "{\"id\":\"a\"}");
    RawHttp.Reply added = gizmos().patch("g", "application/merge-patch+json", "{\"spec\":{\"size\":1}}");
    assertThat(added.code()).as("no oldSelf for a new field: %s", added.body()).isEqualTo(200);
  }

  @Test
  void listMapItemsAreCorrelatedByKeyForOldSelf() {
    gizmos().createValid("g", "{\"id\":\"a\",\"nodes\":[{\"name\":\"n1\",\"zone\":\"z1\"}]}");
    // A new item has no old value; the existing one, even at another index, is compared with its old self.
    RawHttp.Reply reply = gizmos().patch("g", "application/merge-patch+json",
        "{\"spec\":{\"nodes\":[{\"name\":\"n0\",\"zone\":\"z9\"},{\"name\":\"n1\",\"zone\":\"z2\"}]}}");
    assertInvalid("Gizmo", reply, "g",
        "spec.nodes[1].zone: Invalid value: \"string\": a node's zone is immutable",
        "FieldValueInvalid|spec.nodes[1].zone|Invalid value: \"string\": a node's zone is immutable");
  }

  @Test
  void statusRulesApplyToStatusWrites() {
    gizmos().createValid("g", "{\"id\":\"a\"}");
    assertInvalid("Gizmo", gizmos().patchStatus("g", "{\"replicas\":1,\"ready\":2}"), "g",
        "status: Invalid value: \"object\": ready may not exceed replicas",
        "FieldValueInvalid|status|Invalid value: \"object\": ready may not exceed replicas");
  }

  @Test
  void scaleWritesAreCheckedByTheRules() {
    gizmos().createValid("g", "{\"id\":\"a\",\"maxReplicas\":3}");
    assertInvalid("Gizmo", gizmos().patchScale("g", 4), "g",
        "spec.replicas: Invalid value: \"object\": replicas must not exceed maxReplicas",
        "FieldValueInvalid|spec.replicas|Invalid value: \"object\": replicas must not exceed maxReplicas");
  }

  @Test
  void anInvalidShapeBlocksTheRulesWithOneErrorSayingSo() {
    assertInvalid("Gizmo", gizmos().create("g", "{\"id\":\"a\",\"mode\":\"Turbo\",\"replicas\":11}"), "g",
        "[spec.mode: Unsupported value: \"Turbo\": supported values: \"Fast\", \"Safe\", <nil>: Invalid value: "
            + "\"null\": " + NOT_CHECKED + "]",
        "FieldValueNotSupported|spec.mode|Unsupported value: \"Turbo\": supported values: \"Fast\", \"Safe\"",
        "FieldValueInvalid|<nil>|Invalid value: \"null\": " + NOT_CHECKED);
  }

  @Test
  void updatesByPutAreCheckedAgainstTheStoredObject() {
    RawHttp.Reply created = gizmos().createValid("g", "{\"id\":\"a\"}");
    ObjectNode changed = (ObjectNode) created.body().deepCopy();
    ((ObjectNode) changed.path("spec")).put("id", "z");
    assertInvalid("Gizmo", gizmos().put("g", changed), "g",
        "spec.id: Invalid value: \"string\": id is immutable",
        "FieldValueInvalid|spec.id|Invalid value: \"string\": id is immutable");
  }
}
