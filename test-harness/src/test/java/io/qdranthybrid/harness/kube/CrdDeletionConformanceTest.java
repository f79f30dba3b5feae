package io.qdranthybrid.harness.kube;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deleting a CRD deletes its custom resources before the CRD goes, as apiextensions-apiserver does: the registry's
 * Delete adds the {@code customresourcecleanup.apiextensions.k8s.io} finalizer
 * (k8s.io/apiextensions-apiserver/pkg/registry/customresourcedefinition/etcd.go), the CRD finalizer controller
 * deletes every instance and waits for them to be gone, with a Terminating condition saying so
 * (pkg/controller/finalizer/crd_finalizer.go), and creates are refused meanwhile
 * (pkg/apiserver/customresource_handler.go).
 */
class CrdDeletionConformanceTest {

  private static final String CRD = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/"
      + "gadgets.conformance.example.com";
  private static final String GADGETS = Gadgets.GROUP_PATH + "gadgets";

  @RegisterExtension
  final ApiServerFixture fixture = new ApiServerFixture(List.of(Gadgets.crd()));

  private Gadgets gadgets() {
    return new Gadgets(fixture.http());
  }

  private static List<String> conditions(JsonNode crd) {
    List<String> conditions = new ArrayList<>();
    crd.path("status").path("conditions").forEach(c -> conditions.add(c.path("type").asText() + "="
        + c.path("status").asText() + "|" + c.path("reason").asText() + "|" + c.path("message").asText()));
    return conditions;
  }

  @Test
  void deletingACrdWithoutObjectsLetsItGoAtOnce() {
    assertThat(fixture.http().send("DELETE", CRD, null, null).code()).isIn(200, 202);

    assertThat(fixture.http().get(CRD).code()).isEqualTo(404);
    assertThat(fixture.http().get(GADGETS).code()).isEqualTo(404);
  }

  @Test
  void deletingACrdDeletesItsObjectsAndWaitsForTheirFinalizers() {
    gadgets().createValid("free", "{\"id\":\"ab\"}");
    String held = gadgets().document("held", "{\"id\":\"cd\"}")
        .replace("{\"name\":\"held\"}", "{\"name\":\"held\",\"finalizers\":[\"example.com/hold\"]}");
    assertThat(fixture.http().send("POST", GADGETS, "application/json", held).code()).isEqualTo(201);

    fixture.http().send("DELETE", CRD, null, null);

    JsonNode terminating = fixture.http().get(CRD).body();
    assertThat(terminating.path("metadata").has("deletionTimestamp")).isTrue();
    assertThat(terminating.path("metadata").path("finalizers").toString())
        .contains("customresourcecleanup.apiextensions.k8s.io");
    assertThat(conditions(terminating)).contains("Established=True|InitialNamesAccepted|the initial names have been "
        + "accepted", "Terminating=True|InstanceDeletionInProgress|CustomResource deletion is in progress");
    assertThat(gadgets().get("free").code()).isEqualTo(404);
    assertThat(gadgets().get("held").body().path("metadata").has("deletionTimestamp")).isTrue();

    RawHttp.Reply refused = gadgets().create("late", "{\"id\":\"ef\"}");
    assertThat(refused.code()).isEqualTo(405);
    assertThat(refused.body().path("reason").asText()).isEqualTo("MethodNotAllowed");
    assertThat(refused.body().path("message").asText())
        .isEqualTo("create not allowed while custom resource definition is terminating");
    assertThat(refused.body().path("details").path("group").asText()).isEqualTo("conformance.example.com");
    assertThat(refused.body().path("details").path("kind").asText()).isEqualTo("gadgets");

    assertThat(gadgets().patch("held", "application/merge-patch+json", "{\"metadata\":{\"finalizers\":null}}")
        .code()).isEqualTo(200);

    assertThat(gadgets().get("held").code()).isEqualTo(404);
    assertThat(fixture.http().get(CRD).code()).isEqualTo(404);
    assertThat(fixture.http().get(GADGETS).code()).isEqualTo(404);
    assertThat(fixture.http().get("/apis/conformance.example.com/v1").body().toString()).doesNotContain("gadgets");
  }

  @Test
  void aRecreatedCrdStartsEmpty() {
    gadgets().createValid("old", "{\"id\":\"ab\"}");
    fixture.http().send("DELETE", CRD, null, null);

    fixture.client().apiextensions().v1().customResourceDefinitions().resource(Gadgets.crd()).create();

    assertThat(fixture.http().get(GADGETS).code()).isEqualTo(200);
    assertThat(fixture.http().get(GADGETS).body().path("items")).isEmpty();
  }
}
