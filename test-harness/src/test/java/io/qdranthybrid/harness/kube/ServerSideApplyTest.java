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

  // The documented differences from a real API server, pinned so that a change to the emulation fails loudly here
  // and the SimulatedApiServer javadoc is updated with it.

  @Test
  void applyRecordsNoManagedFieldsUnlikeARealApiServer() {
    ConfigMap applied = api.client().resource(desired("a", "1")).fieldManager("operator").forceConflicts()
        .serverSideApply();

    assertThat(applied.getMetadata().getManagedFields()).isNullOrEmpty();
    assertThat(api.client().configMaps().withName("c").get().getMetadata().getManagedFields()).isNullOrEmpty();
  }

  @Test
  void applyOfAFieldOwnedByAnotherManagerWithoutForceOverwritesItWhereARealApiServerAnswers409() {
    api.client().resource(desired("a", "1")).fieldManager("operator").forceConflicts().serverSideApply();

    ConfigMap applied = api.client().resource(desired("a", "2")).fieldManager("someone-else").serverSideApply();

    assertThat(applied.getData()).containsEntry("a", "2");
    assertThat(api.client().configMaps().withName("c").get().getData()).containsEntry("a", "2");
  }

  @Test
  void fieldLeftOutOfALaterApplyBySameManagerIsKeptWhereARealApiServerRemovesIt() {
    api.client().resource(new ConfigMapBuilder(desired("a", "1")).addToData("b", "2").build())
        .fieldManager("operator").forceConflicts().serverSideApply();

    api.client().resource(desired("a", "1")).fieldManager("operator").forceConflicts().serverSideApply();

    assertThat(api.client().configMaps().withName("c").get().getData()).containsOnlyKeys("a", "b");
  }
}
