package io.qdranthybrid.harness.kube;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static io.qdranthybrid.harness.kube.Gadgets.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code type}, {@code nullable}, {@code x-kubernetes-int-or-string} and {@code format} of a CRD's structural
 * schema. Mirrors kube-openapi's type and format validators (k8s.io/kube-openapi/pkg/validation/validate/type.go,
 * errors.InvalidType in pkg/validation/errors/schema.go) reported as {@code field.TypeInvalid} by
 * k8s.io/apiextensions-apiserver/pkg/apiserver/validation/validation.go, and the formats the real server keeps
 * (apiextensions-apiserver/pkg/apiserver/validation/formats.go: int32/int64 are not among them).
 */
class CrdSchemaTypeConformanceTest {

  @RegisterExtension
  final ApiServerFixture fixture = new ApiServerFixture(List.of(Gadgets.crd()));

  private Gadgets gadgets() {
    return new Gadgets(fixture.http());
  }

  @Test
  void stringInIntegerFieldIsATypeError() {
    assertInvalid(gadgets().create("g", "{\"id\":\"ab\",\"replicas\":\"two\"}"), "g",
        "spec.replicas: Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\"",
        "FieldValueTypeInvalid|spec.replicas|Invalid value: \"string\": spec.replicas in body must be of type "
            + "integer: \"string\"");
  }

  @Test
  void objectsArraysAndBooleansAreTypeChecked() {
    assertInvalid(gadgets().create("g", "{\"id\":\"ab\",\"enabled\":\"yes\",\"tags\":\"a\",\"labels\":[]}"), "g",
        "[spec.enabled: Invalid value: \"string\": spec.enabled in body must be of type boolean: \"string\", "
            + "spec.tags: Invalid value: \"string\": spec.tags in body must be of type array: \"string\", "
            + "spec.labels: Invalid value: \"array\": spec.labels in body must be of type object: \"array\"]",
        "FieldValueTypeInvalid|spec.enabled|Invalid value: \"string\": spec.enabled in body must be of type boolean: "
            + "\"string\"",
        "FieldValueTypeInvalid|spec.tags|Invalid value: \"string\": spec.tags in body must be of type array: "
            + "\"string\"",
        "FieldValueTypeInvalid|spec.labels|Invalid value: \"array\": spec.labels in body must be of type object: "
            + "\"array\"");
  }

  @Test
  void intOrStringTakesBothButNothingElse() {
    gadgets().createValid("number", "{\"id\":\"ab\",\"port\":8080}");
    gadgets().createValid("name", "{\"id\":\"ab\",\"port\":\"http\"}");
    assertInvalid(gadgets().create("g", "{\"id\":\"ab\",\"port\":true}"), "g",
        "spec.port: Invalid value: \"boolean\": spec.port in body must be of type integer,string: \"boolean\"",
        "FieldValueTypeInvalid|spec.port|Invalid value: \"boolean\": spec.port in body must be of type "
            + "integer,string: \"boolean\"");
  }

  @Test
  void nullIsAcceptedOnlyWhereNullable() {
    RawHttp.Reply nullable = gadgets().createValid("nullable", "{\"id\":\"ab\",\"note\":null}");
    assertThat(nullable.body().path("spec").has("note")).as("a nullable null is kept").isTrue();
    // A null in a non-nullable field without a default is dropped before validation (defaulting's
    // PruneNonNullableNullsWithoutDefaults), so it does not fail.
    RawHttp.Reply dropped = gadgets().createValid("dropped", "{\"id\":\"ab\",\"enabled\":null}");
    assertThat(dropped.body().path("spec").has("enabled")).isFalse();
    assertInvalid(gadgets().create("g", "{\"id\":\"ab\",\"tags\":[null]}"), "g",
        "spec.tags[0]: Invalid value: \"null\": spec.tags[0] in body must be of type string: \"null\"",
        "FieldValueTypeInvalid|spec.tags[0]|Invalid value: \"null\": spec.tags[0] in body must be of type string: "
            + "\"null\"");
  }

  @Test
  void dateTimeDateAndByteFormatsAreChecked() {
    gadgets().createValid("ok", "{\"id\":\"ab\",\"createdAt\":\"2024-05-01T10:00:00Z\",\"day\":\"2024-05-01\","
        + "\"payload\":\"aGVsbG8=\"}");
    assertInvalid(gadgets().create("g", "{\"id\":\"ab\",\"createdAt\":\"yesterday\"}"), "g",
        "spec.createdAt: Invalid value: \"yesterday\": spec.createdAt in body must be of type date-time: \"yesterday\"",
        "FieldValueTypeInvalid|spec.createdAt|Invalid value: \"yesterday\": spec.createdAt in body must be of type "
            + "date-time: \"yesterday\"");
    assertInvalid(gadgets().create("h", "{\"id\":\"ab\",\"day\":\"2024-13-01\"}"), "h",
        "spec.day: Invalid value: \"2024-13-01\": spec.day in body must be of type date: \"2024-13-01\"",
        "FieldValueTypeInvalid|spec.day|Invalid value: \"2024-13-01\": spec.day in body must be of type date: "
            + "\"2024-13-01\"");
    assertInvalid(gadgets().create("i", "{\"id\":\"ab\",\"payload\":\"not base64!\"}"), "i",
        "spec.payload: Invalid value: \"not base64!\": spec.payload in body must be of type byte: \"not base64!\"",
        "FieldValueTypeInvalid|spec.payload|Invalid value: \"not base64!\": spec.payload in body must be of type "
            + "byte: \"not base64!\"");
  }

  @Test
  void int32FormatIsNotRangeCheckedAsTheRealServerStripsIt() {
    // formats.go keeps no int32/int64 format: the bounds come from minimum/maximum only.
    assertInvalid(gadgets().create("g", "{\"id\":\"ab\",\"replicas\":3000000000}"), "g",
        "spec.replicas: Invalid value: 3000000000: spec.replicas in body should be less than or equal to 10",
        "FieldValueInvalid|spec.replicas|Invalid value: 3000000000: spec.replicas in body should be less than or "
            + "equal to 10");
  }
}
