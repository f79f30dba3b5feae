package io.qdranthybrid.harness.kube;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static io.qdranthybrid.harness.kube.Gadgets.assertInvalid;

/**
 * {@code x-kubernetes-list-type: set} and {@code map} (with {@code x-kubernetes-list-map-keys}) uniqueness, one
 * {@code Duplicate value} per repeated item, reported after the OpenAPI errors. Mirrors
 * k8s.io/apiextensions-apiserver/pkg/apiserver/schema/listtype/validation.go; a missing key takes the key
 * field's default.
 */
class CrdSchemaListTypeConformanceTest {

  @RegisterExtension
  final ApiServerFixture fixture = new ApiServerFixture(List.of(Gadgets.crd()));

  private Gadgets gadgets() {
    return new Gadgets(fixture.http());
  }

  @Test
  void repeatedSetItemIsADuplicate() {
    assertInvalid(gadgets().create("g", "{\"id\":\"ab\",\"tags\":[\"a\",\"b\",\"a\"]}"), "g",
        "spec.tags[2]: Duplicate value: \"a\"",
        "FieldValueDuplicate|spec.tags[2]|Duplicate value: \"a\"");
  }

  @Test
  void repeatedListMapKeyIsADuplicate() {
    assertInvalid(gadgets().create("g", "{\"id\":\"ab\",\"ports\":[{\"name\":\"http\",\"port\":80},"
            + "{\"name\":\"http\",\"port\":8080}]}"), "g",
        "spec.ports[1]: Duplicate value: map[string]interface {}{\"name\":\"http\"}",
        "FieldValueDuplicate|spec.ports[1]|Duplicate value: map[string]interface {}{\"name\":\"http\"}");
  }

  @Test
  void distinctItemsPass() {
    gadgets().createValid("g", "{\"id\":\"ab\",\"tags\":[\"a\",\"b\"],\"ports\":[{\"name\":\"http\"},"
        + "{\"name\":\"grpc\"}]}");
  }

  @Test
  void duplicatesComeAfterTheSchemaErrors() {
    assertInvalid(gadgets().create("g", "{\"id\":\"ab\",\"replicas\":-1,\"tags\":[\"a\",\"a\"]}"), "g",
        "[spec.replicas: Invalid value: -1: spec.replicas in body should be greater than or equal to 0, "
            + "spec.tags[1]: Duplicate value: \"a\"]",
        "FieldValueInvalid|spec.replicas|Invalid value: -1: spec.replicas in body should be greater than or equal to 0",
        "FieldValueDuplicate|spec.tags[1]|Duplicate value: \"a\"");
  }
}
