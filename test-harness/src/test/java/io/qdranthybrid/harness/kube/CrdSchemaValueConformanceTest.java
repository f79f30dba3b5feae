package io.qdranthybrid.harness.kube;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static io.qdranthybrid.harness.kube.Gadgets.assertInvalid;

/**
 * Value validations of a CRD's structural schema: {@code minimum}/{@code maximum} (inclusive and exclusive),
 * {@code multipleOf}, {@code minLength}/{@code maxLength}, {@code pattern}, {@code enum}, {@code required},
 * {@code minItems}/{@code maxItems}, {@code minProperties}/{@code maxProperties}. Mirrors kube-openapi's validators
 * (k8s.io/kube-openapi/pkg/validation/validate, messages from pkg/validation/errors/schema.go) as mapped to field
 * errors by {@code kubeOpenAPIResultToFieldErrors} in
 * k8s.io/apiextensions-apiserver/pkg/apiserver/validation/validation.go, rendered by
 * k8s.io/apimachinery/pkg/util/validation/field/errors.go and {@code NewInvalid} in apimachinery/pkg/api/errors.
 */
class CrdSchemaValueConformanceTest {

  @RegisterExtension
  final ApiServerFixture fixture = new ApiServerFixture(List.of(Gadgets.crd()));

  private Gadgets gadgets() {
    return new Gadgets(fixture.http());
  }

  @Test
  void integerBelowMinimumIsRefusedWithTheRealMessage() {
    assertInvalid(gadgets().create("g", "{\"id\":\"ab\",\"replicas\":-1}"), "g",
        "spec.replicas: Invalid value: -1: spec.replicas in body should be greater than or equal to 0",
        "FieldValueInvalid|spec.replicas|Invalid value: -1: spec.replicas in body should be greater than or equal to 0");
  }

  @Test
  void integerAboveMaximumIsRefused() {
    assertInvalid(gadgets().create("g", "{\"id\":\"ab\",\"replicas\":11}"), "g",
        "spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10",
        "FieldValueInvalid|spec.replicas|Invalid value: 11: spec.replicas in body should be less than or equal to 10");
  }

  @Test
  void exclusiveBoundsRefuseTheBoundItself() {
    assertInvalid(gadgets().create("g", "{\"id\":\"ab\",\"ratio\":1}"), "g",
        "spec.ratio: Invalid value: 1: spec.ratio in body should be less than 1",
        "FieldValueInvalid|spec.ratio|Invalid value: 1: spec.ratio in body should be less than 1");
    assertInvalid(gadgets().create("h", "{\"id\":\"ab\",\"ratio\":0.0}"), "h",
        "spec.ratio: Invalid value: 0: spec.ratio in body should be greater than 0",
        "FieldValueInvalid|spec.ratio|Invalid value: 0: spec.ratio in body should be greater than 0");
    gadgets().createValid("ok", "{\"id\":\"ab\",\"ratio\":0.5}");
  }

  @Test
  void multipleOfIsEnforced() {
    assertInvalid(gadgets().create("g", "{\"id\":\"ab\",\"step\":7}"), "g",
        "spec.step: Invalid value: 7: spec.step in body should be a multiple of 5",
        "FieldValueInvalid|spec.step|Invalid value: 7: spec.step in body should be a multiple of 5");
  }

  @Test
  void stringLengthsAndPatternAreEnforced() {
    assertInvalid(gadgets().create("g", "{\"id\":\"a\"}"), "g",
        "spec.id: Invalid value: \"a\": spec.id in body should be at least 2 chars long",
        "FieldValueInvalid|spec.id|Invalid value: \"a\": spec.id in body should be at least 2 chars long");
    assertInvalid(gadgets().create("h", "{\"id\":\"abcdefghijk\"}"), "h",
        "spec.id: Too long: may not be longer than 10",
        "FieldValueTooLong|spec.id|Too long: may not be longer than 10");
    assertInvalid(gadgets().create("i", "{\"id\":\"Ab\"}"), "i",
        "spec.id: Invalid value: \"Ab\": spec.id in body should match '^[a-z][a-z0-9-]*$'",
        "FieldValueInvalid|spec.id|Invalid value: \"Ab\": spec.id in body should match '^[a-z][a-z0-9-]*$'");
  }

  @Test
  void unknownEnumValueIsNotSupported() {
    assertInvalid(gadgets().create("g", "{\"id\":\"ab\",\"mode\":\"Turbo\"}"), "g",
        "spec.mode: Unsupported value: \"Turbo\": supported values: \"Fast\", \"Safe\"",
        "FieldValueNotSupported|spec.mode|Unsupported value: \"Turbo\": supported values: \"Fast\", \"Safe\"");
  }

  @Test
  void missingRequiredFieldIsRequired() {
    assertInvalid(gadgets().create("g", "{\"replicas\":1}"), "g",
        "spec.id: Required value",
        "FieldValueRequired|spec.id|Required value");
  }

  @Test
  void itemAndPropertyCountsAreEnforced() {
    assertInvalid(gadgets().create("g", "{\"id\":\"ab\",\"tags\":[\"a\",\"b\",\"c\",\"d\"]}"), "g",
        "spec.tags: Too many: 4: must have at most 3 items",
        "FieldValueTooMany|spec.tags|Too many: 4: must have at most 3 items");
    assertInvalid(gadgets().create("h", "{\"id\":\"ab\",\"ports\":[]}"), "h",
        "spec.ports: Invalid value: []interface {}{}: spec.ports in body should have at least 1 items",
        "FieldValueInvalid|spec.ports|Invalid value: []interface {}{}: spec.ports in body should have at least 1 items");
    assertInvalid(gadgets().create("i", "{\"id\":\"ab\",\"labels\":{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\"}}"), "i",
        "spec.labels: Too many: 3: must have at most 2 items",
        "FieldValueTooMany|spec.labels|Too many: 3: must have at most 2 items");
    assertInvalid(gadgets().create("j", "{\"id\":\"ab\",\"options\":{}}"), "j",
        "spec.options: Invalid value: map[string]interface {}{}: spec.options in body should have at least 1 properties",
        "FieldValueInvalid|spec.options|Invalid value: map[string]interface {}{}: spec.options in body should have "
            + "at least 1 properties");
  }

  @Test
  void severalViolationsAreListedTogetherWithOneCauseEach() {
    assertInvalid(gadgets().create("g", "{\"replicas\":11,\"mode\":\"Turbo\"}"), "g",
        "[spec.id: Required value, spec.replicas: Invalid value: 11: spec.replicas in body should be less than or "
            + "equal to 10, spec.mode: Unsupported value: \"Turbo\": supported values: \"Fast\", \"Safe\"]",
        "FieldValueRequired|spec.id|Required value",
        "FieldValueInvalid|spec.replicas|Invalid value: 11: spec.replicas in body should be less than or equal to 10",
        "FieldValueNotSupported|spec.mode|Unsupported value: \"Turbo\": supported values: \"Fast\", \"Safe\"");
  }
}
