package io.qdranthybrid.harness.kube.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The schema engine as pure functions over JSON trees, without an API server. */
class CustomResourceSchemaTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static CustomResourceSchema gadgets() throws IOException {
    try (InputStream in = CustomResourceSchemaTest.class.getClassLoader()
        .getResourceAsStream("crds/gadgets.conformance.example.com.yaml")) {
      return CustomResourceSchema.compile(new YAMLMapper().readTree(in));
    }
  }

  private static ObjectNode gadget(String spec) throws IOException {
    return (ObjectNode) JSON.readTree("{\"apiVersion\":\"conformance.example.com/v1\",\"kind\":\"Gadget\","
        + "\"metadata\":{\"name\":\"g\"},\"spec\":" + spec + "}");
  }

  @Test
  void admitPrunesThenDefaultsThenValidatesInPlace() throws IOException {
    ObjectNode object = gadget("{\"id\":\"ab\",\"bogus\":1,\"replicas\":12}");
    CustomResourceSchema.Outcome outcome = gadgets().admit("v1", object, null);
    assertThat(outcome.pruned()).containsExactly("spec.bogus");
    assertThat(object.path("spec").has("bogus")).isFalse();
    assertThat(object.path("spec").path("mode").asText()).isEqualTo("Safe");
    assertThat(outcome.errors()).extracting(FieldError::toString).containsExactly(
        "spec.replicas: Invalid value: 12: spec.replicas in body should be less than or equal to 10");
    assertThat(InvalidObject.causes(outcome.errors()).get(0).path("reason").asText()).isEqualTo("FieldValueInvalid");
  }

  @Test
  void anUnknownVersionChecksNothing() throws IOException {
    ObjectNode object = gadget("{\"bogus\":1}");
    assertThat(gadgets().admit("v2", object, null).valid()).isTrue();
    assertThat(object.path("spec").has("bogus")).isTrue();
  }

  @Test
  void aggregateMessageListsSeveralErrorsInBracketsAndOneAsIs() {
    FieldError a = FieldError.required("spec.id", "");
    FieldError b = FieldError.invalid("spec.size", JSON.getNodeFactory().numberNode(0), "too small");
    assertThat(InvalidObject.message(java.util.List.of(a))).isEqualTo("spec.id: Required value");
    assertThat(InvalidObject.message(java.util.List.of(a, b, a)))
        .isEqualTo("[spec.id: Required value, spec.size: Invalid value: 0: too small]");
  }

  @Test
  void valuesPrintAsGoPrintsThem() {
    // fmt's %v of a float64 switches to exponent form from 1e6 on, as the real messages do.
    assertThat(GoValues.formatFloat(1_000_000)).isEqualTo("1e+06");
    assertThat(GoValues.formatFloat(123456)).isEqualTo("123456");
    assertThat(GoValues.formatFloat(0.5)).isEqualTo("0.5");
    assertThat(GoValues.formatFloat(0.00001)).isEqualTo("1e-05");
    JsonNode text = JSON.getNodeFactory().textNode("a\"b");
    assertThat(GoValues.print(text)).isEqualTo("\"a\\\"b\"");
  }
}
