package io.qdranthybrid.harness.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class ServerSideApplyTest {

  @RegisterExtension
  final ApiServerFixture api = new ApiServerFixture();

  private static ConfigMap desired(String key, String value) {
    return new ConfigMapBuilder().withNewMetadata().withName("c").withNamespace("test").endMetadata()
        .addToData(key, value).build();
  }

  @Test
  void applyCreatesAnAbsentObject() {
    ConfigMap applied = api.client().resource(desired("a", "1")).fieldManager("operator").forceConflicts()
        .serverSideApply();

    assertThat(applied.getMetadata().getUid()).isNotBlank();
    assertThat(api.client().configMaps().withName("c").get().getData()).containsEntry("a", "1");
  }

  @Test
  void applyMergesTheAppliedFieldsIntoTheExistingObject() {
    api.client().resource(desired("a", "1")).create();

    api.client().resource(desired("b", "2")).fieldManager("operator").forceConflicts().serverSideApply();

    assertThat(api.client().configMaps().withName("c").get().getData()).containsEntry("a", "1").containsEntry("b", "2");
  }

  @Test
  void applyWithoutFieldManagerIsRejected() {
    RawHttp.Reply reply = api.http().send("PATCH", "/api/v1/namespaces/test/configmaps/c",
        "application/apply-patch+yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n");

    assertThat(reply.code()).isEqualTo(400);
    assertThat(reply.body().path("message").asText()).contains("fieldManager is required");
  }

  @Test
  void unknownPatchTypeIsRefusedWithUnsupportedMediaType() {
    api.client().resource(desired("a", "1")).create();

    RawHttp.Reply reply = api.http().send("PATCH", "/api/v1/namespaces/test/configmaps/c", "text/plain",
        "a: b");

    assertThat(reply.code()).isEqualTo(415);
  }
}
