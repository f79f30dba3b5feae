package io.qdranthybrid.harness.kube;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static io.qdranthybrid.harness.kube.Gadgets.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * CRD validation rules may call the Kubernetes CEL libraries (k8s.io/apiserver/pkg/cel/library: lists.go, regex.go,
 * urls.go, quantity.go; the "Kubernetes CEL libraries" section of the CRD validation-rules docs); a rule that does
 * not hold is refused with 422 at the rule's field, as any other rule.
 */
class CrdSchemaCelLibrariesConformanceTest {

  @RegisterExtension
  final ApiServerFixture fixture = new ApiServerFixture(List.of(Gadgets.crdFromResource(
      "crds/libraries.conformance.example.com.yaml")));

  private Gadgets libraries() {
    return new Gadgets(fixture.http(), "Library", "libraries");
  }

  @Test
  void valuesEveryLibraryRuleAcceptsAreStored() {
    RawHttp.Reply reply = libraries().create("ok", "{\"memory\":\"1Gi\",\"ports\":[80,443],\"weights\":[60,40],"
        + "\"endpoint\":\"https://qdrant.example.com:6333/v1?region=eu\",\"tag\":\"v12ab\"}");

    assertThat(reply.code()).as("%s", reply.body()).isEqualTo(201);
  }

  @Test
  void quantityRulesCompareAmountsNotText() {
    assertThat(libraries().create("zero", "{\"memory\":\"0\"}").code()).isEqualTo(201);
    assertInvalid("Library", libraries().create("big", "{\"memory\":\"65536Mi\"}"), "big",
        "spec.memory: Invalid value: \"string\": memory must be a quantity under 64Gi",
        "FieldValueInvalid|spec.memory|Invalid value: \"string\": memory must be a quantity under 64Gi");
    assertInvalid("Library", libraries().create("small", "{\"memory\":\"500M\"}"), "small",
        "spec.memory: Invalid value: \"string\": memory must be at least 512Mi",
        "FieldValueInvalid|spec.memory|Invalid value: \"string\": memory must be at least 512Mi");
  }

  @Test
  void listRulesSeeOrderSumsAndPositions() {
    assertInvalid("Library", libraries().create("unsorted", "{\"ports\":[443,80]}"), "unsorted",
        "spec.ports: Invalid value: \"array\": ports must be sorted, non-zero ports",
        "FieldValueInvalid|spec.ports|Invalid value: \"array\": ports must be sorted, non-zero ports");
    assertInvalid("Library", libraries().create("heavy", "{\"weights\":[60,50]}"), "heavy",
        "spec.weights: Invalid value: \"array\": weights add up to 110, more than 100",
        "FieldValueInvalid|spec.weights|Invalid value: \"array\": weights add up to 110, more than 100");
  }

  @Test
  void urlAndRegexRulesParseTheirStrings() {
    assertInvalid("Library", libraries().create("plain", "{\"endpoint\":\"http://qdrant.example.com\"}"), "plain",
        "spec.endpoint: Invalid value: \"string\": endpoint must be an https URL",
        "FieldValueInvalid|spec.endpoint|Invalid value: \"string\": endpoint must be an https URL");
    assertThat(libraries().create("token", "{\"endpoint\":\"https://q.example.com/?token=s3cret\"}").body()
        .path("message").asText()).endsWith("endpoint must not carry a token");
    assertThat(libraries().create("tag", "{\"tag\":\"v1\"}").body().path("message").asText())
        .endsWith("tag needs a number and two letters");
  }
}
