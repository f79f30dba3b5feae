package io.qdranthybrid.harness.kube;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A custom resource cannot be strategic-merge-patched: its CRD handler offers only JSON patch, merge patch and
 * apply (k8s.io/apiextensions-apiserver/pkg/apiserver/customresource_handler.go, {@code supportedTypes}) and the
 * patch handler answers any other type with 415 (k8s.io/apiserver/pkg/endpoints/handlers/patch.go,
 * handlers/negotiation/errors.go). kubectl shows it as "application/strategic-merge-patch+json is not supported
 * by ...: the body of the request was in an unknown format - accepted media types include: ...".
 */
class CustomResourceStrategicMergePatchConformanceTest {

  private static final String SMP = "application/strategic-merge-patch+json";
  private static final String REFUSAL = "the body of the request was in an unknown format - accepted media types "
      + "include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml";

  @RegisterExtension
  final ApiServerFixture fixture = new ApiServerFixture(List.of(Gadgets.crd()));

  private Gadgets gadgets() {
    return new Gadgets(fixture.http());
  }

  private static void assertUnsupportedMediaType(RawHttp.Reply reply) {
    assertThat(reply.code()).as("status code of %s", reply.body()).isEqualTo(415);
    assertThat(reply.body().path("kind").asText()).isEqualTo("Status");
    assertThat(reply.body().path("status").asText()).isEqualTo("Failure");
    assertThat(reply.body().path("reason").asText()).isEqualTo("UnsupportedMediaType");
    assertThat(reply.body().path("message").asText()).isEqualTo(REFUSAL);
  }

  @Test
  void strategicMergePatchOfACustomResourceIsRefusedAndChangesNothing() {
    gadgets().createValid("g", "{\"id\":\"ab\",\"replicas\":1}");

    assertUnsupportedMediaType(gadgets().patch("g", SMP, "{\"spec\":{\"replicas\":2}}"));

    assertThat(gadgets().get("g").body().path("spec").path("replicas").asInt()).isEqualTo(1);
  }

  @Test
  void strategicMergePatchOfACustomResourcesStatusAndScaleIsRefusedToo() {
    gadgets().createValid("g", "{\"id\":\"ab\",\"replicas\":1}");
    String gadget = Gadgets.GROUP_PATH + "gadgets/g";

    assertUnsupportedMediaType(fixture.http().send("PATCH", gadget + "/status", SMP, "{\"status\":{}}"));
    assertUnsupportedMediaType(fixture.http().send("PATCH", gadget + "/scale", SMP,
        "{\"spec\":{\"replicas\":2}}"));
    assertThat(gadgets().get("g").body().path("spec").path("replicas").asInt()).isEqualTo(1);
  }

  @Test
  void builtInKindsStillTakeStrategicMergePatch() {
    fixture.http().send("POST", "/api/v1/namespaces/test/configmaps", "application/json",
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"},\"data\":{\"a\":\"1\"}}");

    RawHttp.Reply patched = fixture.http().send("PATCH", "/api/v1/namespaces/test/configmaps/c", SMP,
        "{\"data\":{\"b\":\"2\"}}");

    assertThat(patched.code()).isEqualTo(200);
    assertThat(patched.body().path("data").toString()).isEqualTo("{\"a\":\"1\",\"b\":\"2\"}");
  }
}
