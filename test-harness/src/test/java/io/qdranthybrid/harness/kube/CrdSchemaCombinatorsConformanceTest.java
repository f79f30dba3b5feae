package io.qdranthybrid.harness.kube;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static io.qdranthybrid.harness.kube.Gadgets.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code allOf}, {@code anyOf}, {@code oneOf} and {@code not} in a structural schema validate values as
 * kube-openapi's schemaPropsValidator does (k8s.io/kube-openapi/pkg/validation/validate/schema_props.go and
 * schema_messages.go); their own errors are not field errors, so apiextensions-apiserver reports them at the
 * {@code <nil>} path with an empty value (kubeOpenAPIResultToFieldErrors in
 * k8s.io/apiextensions-apiserver/pkg/apiserver/validation/validation.go).
 */
class CrdSchemaCombinatorsConformanceTest {

  @RegisterExtension
  final ApiServerFixture fixture = new ApiServerFixture(List.of(Gadgets.crdFromResource(
      "crds/combos.conformance.example.com.yaml")));

  private Gadgets combos() {
    return new Gadgets(fixture.http(), "Combo", "combos");
  }

  @Test
  void aValueMatchingOneAnyOfBranchIsStored() {
    assertThat(combos().create("gi", "{\"size\":\"10Gi\"}").code()).isEqualTo(201);
    assertThat(combos().create("named", "{\"size\":\"small\"}").code()).isEqualTo(201);
  }

  @Test
  void aValueMatchingNoAnyOfBranchIsRefusedWithTheClosestBranchsError() {
    assertInvalid("Combo", combos().create("c", "{\"size\":\"12Mi\"}"), "c",
        "[<nil>: Invalid value: \"\": \"spec.size\" must validate at least one schema (anyOf), spec.size: Invalid "
            + "value: \"12Mi\": spec.size in body should match '^[0-9]+Gi$']",
        "FieldValueInvalid|<nil>|Invalid value: \"\": \"spec.size\" must validate at least one schema (anyOf)",
        "FieldValueInvalid|spec.size|Invalid value: \"12Mi\": spec.size in body should match '^[0-9]+Gi$'");
  }

  @Test
  void oneOfNeedsExactlyOneMatchingBranch() {
    assertThat(combos().create("seven", "{\"replicas\":7}").code()).isEqualTo(201);

    assertInvalid("Combo", combos().create("both", "{\"replicas\":4}"), "both",
        "<nil>: Invalid value: \"\": \"spec.replicas\" must validate one and only one schema (oneOf). "
            + "Found 2 valid alternatives",
        "FieldValueInvalid|<nil>|Invalid value: \"\": \"spec.replicas\" must validate one and only one schema "
            + "(oneOf). Found 2 valid alternatives");
    assertInvalid("Combo", combos().create("none", "{\"replicas\":0}"), "none",
        "[<nil>: Invalid value: \"\": \"spec.replicas\" must validate one and only one schema (oneOf). Found none "
            + "valid, spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1]",
        "FieldValueInvalid|<nil>|Invalid value: \"\": \"spec.replicas\" must validate one and only one schema "
            + "(oneOf). Found none valid",
        "FieldValueInvalid|spec.replicas|Invalid value: 0: spec.replicas in body should be greater than or equal "
            + "to 1");
  }

  @Test
  void allOfReportsEveryFailingBranchThenItself() {
    assertThat(combos().create("ok", "{\"name\":\"db1\"}").code()).isEqualTo(201);

    assertInvalid("Combo", combos().create("c", "{\"name\":\"db\"}"), "c",
        "[spec.name: Invalid value: \"db\": spec.name in body should match '[0-9]$', <nil>: Invalid value: \"\": "
            + "\"spec.name\" must validate all the schemas (allOf)]",
        "FieldValueInvalid|spec.name|Invalid value: \"db\": spec.name in body should match '[0-9]$'",
        "FieldValueInvalid|<nil>|Invalid value: \"\": \"spec.name\" must validate all the schemas (allOf)");
    assertThat(combos().create("d", "{\"name\":\"Db\"}").body().path("message").asText())
        .endsWith("\"spec.name\" must validate all the schemas (allOf). None validated]");
  }

  @Test
  void notRefusesAValueItsSchemaAccepts() {
    assertThat(combos().create("fast", "{\"mode\":\"fast\"}").code()).isEqualTo(201);

    assertInvalid("Combo", combos().create("c", "{\"mode\":\"legacy\"}"), "c",
        "<nil>: Invalid value: \"\": \"spec.mode\" must not validate the schema (not)",
        "FieldValueInvalid|<nil>|Invalid value: \"\": \"spec.mode\" must not validate the schema (not)");
  }

  @Test
  void theIntOrStringAnyOfOfGeneratedCrdsAcceptsBothForms() {
    assertThat(combos().create("number", "{\"port\":8080}").code()).isEqualTo(201);
    assertThat(combos().create("named", "{\"port\":\"http\"}").code()).isEqualTo(201);
  }
}
