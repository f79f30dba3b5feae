package io.qdranthybrid.harness.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Server-side apply with field ownership, each rule as the real API server has it
 * (https://kubernetes.io/docs/reference/using-api/server-side-apply/, k8s.io/apiserver/pkg/endpoints/handlers/
 * fieldmanager, sigs.k8s.io/structured-merge-diff).
 */
class ServerSideApplyTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  final ApiServerFixture api = new ApiServerFixture();

  private static ConfigMap desired(String key, String value) {
    return new ConfigMapBuilder().withNewMetadata().withName("c").withNamespace("test").endMetadata()
        .addToData(key, value).build();
  }

  private ConfigMap apply(ConfigMap config, String manager) {
    return api.client().resource(config).fieldManager(manager).serverSideApply();
  }

  private ConfigMap stored() {
    return api.client().configMaps().withName("c").get();
  }

  private static ManagedFieldsEntry entry(ConfigMap object, String manager, String operation) {
    return object.getMetadata().getManagedFields().stream()
        .filter(e -> e.getManager().equals(manager) && e.getOperation().equals(operation)).findFirst().orElseThrow();
  }

  private static JsonNode fieldsV1(ManagedFieldsEntry entry) {
    return JSON.valueToTree(entry.getFieldsV1().getAdditionalProperties());
  }

  // apply on create: https://kubernetes.io/docs/reference/using-api/server-side-apply/#apply-and-update
  @Test
  void applyCreatesAnAbsentObjectOwnedByItsManager() throws Exception {
    ConfigMap applied = apply(desired("a", "1"), "operator");

    assertThat(applied.getMetadata().getUid()).isNotBlank();
    ManagedFieldsEntry entry = entry(stored(), "operator", "Apply");
    assertThat(entry.getFieldsType()).isEqualTo("FieldsV1");
    assertThat(entry.getApiVersion()).isEqualTo("v1");
    assertThat(entry.getTime()).isNotBlank();
    assertThat(fieldsV1(entry)).isEqualTo(JSON.readTree("{\"f:data\":{\"f:a\":{}}}"));
  }

  // k8s.io/apiserver/pkg/endpoints/handlers/patch.go: "fieldManager is required for apply requests"
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

  // A no-op apply stores nothing: same resourceVersion, same managedFields time (fieldmanager skips the timestamp).
  @Test
  void reapplyingTheSameConfigurationChangesNothing() {
    ConfigMap first = apply(desired("a", "1"), "operator");

    ConfigMap second = apply(desired("a", "1"), "operator");

    assertThat(second.getMetadata().getResourceVersion()).isEqualTo(first.getMetadata().getResourceVersion());
    assertThat(second.getMetadata().getManagedFields()).isEqualTo(first.getMetadata().getManagedFields());
    assertThat(stored().getMetadata().getResourceVersion()).isEqualTo(first.getMetadata().getResourceVersion());
  }

  // k8s.io/apiserver/.../fieldmanager/internal/conflict.go NewConflictError: 409 with FieldManagerConflict causes.
  @Test
  void applyOfAFieldAnotherManagerOwnsWithADifferentValueIsAConflict() {
    apply(desired("a", "1"), "operator");

    RawHttp.Reply reply = api.http().send("PATCH",
        "/api/v1/namespaces/test/configmaps/c?fieldManager=someone-else", "application/apply-patch+yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: \"2\"\n");

    assertThat(reply.code()).isEqualTo(409);
    assertThat(reply.body().path("reason").asText()).isEqualTo("Conflict");
    assertThat(reply.body().path("message").asText())
        .isEqualTo("Apply failed with 1 conflict: conflict with \"operator\": .data.a");
    JsonNode cause = reply.body().path("details").path("causes").get(0);
    assertThat(cause.path("reason").asText()).isEqualTo("FieldManagerConflict");
    assertThat(cause.path("message").asText()).isEqualTo("conflict with \"operator\"");
    assertThat(cause.path("field").asText()).isEqualTo(".data.a");
    assertThat(stored().getData()).containsEntry("a", "1");
  }

  @Test
  void conflictsWithSeveralFieldsAreListedByManager() {
    apply(new ConfigMapBuilder(desired("a", "1")).addToData("b", "1").build(), "operator");

    assertThatThrownBy(() -> apply(new ConfigMapBuilder(desired("a", "2")).addToData("b", "2").build(), "other"))
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> {
          assertThat(((KubernetesClientException) e).getCode()).isEqualTo(409);
          assertThat(((KubernetesClientException) e).getStatus().getMessage())
              .isEqualTo("Apply failed with 2 conflicts: conflicts with \"operator\":\n- .data.a\n- .data.b");
        });
  }

  // Conflicts with an Update manager name its apiVersion and time (conflict.go printManager).
  @Test
  void conflictWithAnUpdateManagerNamesItsApiVersionAndTime() {
    api.client().resource(desired("a", "1")).create();
    String updater = stored().getMetadata().getManagedFields().get(0).getManager();

    RawHttp.Reply reply = api.http().send("PATCH", "/api/v1/namespaces/test/configmaps/c?fieldManager=applier",
        "application/apply-patch+yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: \"2\"\n");

    assertThat(reply.code()).isEqualTo(409);
    assertThat(reply.body().path("message").asText())
        .matches("Apply failed with 1 conflict: conflict with \"" + updater
            + "\" using v1 at \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ: \\.data\\.a");
  }

  @Test
  void applyingTheSameValueAnotherManagerOwnsSharesTheField() throws Exception {
    apply(desired("a", "1"), "operator");

    apply(desired("a", "1"), "other");

    assertThat(fieldsV1(entry(stored(), "operator", "Apply"))).isEqualTo(JSON.readTree("{\"f:data\":{\"f:a\":{}}}"));
    assertThat(fieldsV1(entry(stored(), "other", "Apply"))).isEqualTo(JSON.readTree("{\"f:data\":{\"f:a\":{}}}"));
  }

  @Test
  void forceTakesOwnershipFromTheOtherManager() {
    apply(new ConfigMapBuilder(desired("a", "1")).addToData("b", "1").build(), "operator");

    api.client().resource(desired("a", "2")).fieldManager("other").forceConflicts().serverSideApply();

    ConfigMap now = stored();
    assertThat(now.getData()).containsEntry("a", "2");
    assertThat(fieldsV1(entry(now, "operator", "Apply")).path("f:data").has("f:a")).isFalse();
    assertThat(fieldsV1(entry(now, "operator", "Apply")).path("f:data").has("f:b")).isTrue();
    assertThat(fieldsV1(entry(now, "other", "Apply")).path("f:data").has("f:a")).isTrue();
  }

  // https://kubernetes.io/docs/reference/using-api/server-side-apply/#field-management: fields a manager stops
  // applying are removed when nobody else owns them.
  @Test
  void fieldLeftOutOfALaterApplyBySameManagerIsRemoved() {
    apply(new ConfigMapBuilder(desired("a", "1")).addToData("b", "2").build(), "operator");

    apply(desired("a", "1"), "operator");

    assertThat(stored().getData()).containsOnlyKeys("a");
  }

  @Test
  void fieldLeftOutIsKeptWhileAnotherManagerStillOwnsIt() {
    apply(new ConfigMapBuilder(desired("a", "1")).addToData("b", "2").build(), "operator");
    apply(desired("b", "2"), "other");

    apply(desired("a", "1"), "operator");

    assertThat(stored().getData()).containsOnlyKeys("a", "b");
  }

  // Update and patch requests record Update entries; the manager is the product name of the User-Agent
  // (k8s.io/apiserver/pkg/endpoints/handlers/rest.go prefixFromUserAgent) unless fieldManager names one.
  @Test
  void updatesRecordUpdateEntriesForTheManagerTheyName() throws Exception {
    api.client().resource(desired("a", "1")).create();
    ConfigMap created = stored();
    assertThat(created.getMetadata().getManagedFields()).hasSize(1);
    assertThat(created.getMetadata().getManagedFields().get(0).getOperation()).isEqualTo("Update");
    assertThat(created.getMetadata().getManagedFields().get(0).getManager()).doesNotContain("/");

    api.client().configMaps().withName("c").edit(c -> new ConfigMapBuilder(c).addToData("b", "2").build());
    RawHttp.Reply patched = api.http().send("PATCH", "/api/v1/namespaces/test/configmaps/c?fieldManager=editor",
        "application/merge-patch+json", "{\"data\":{\"a\":\"3\"}}");

    assertThat(patched.code()).isEqualTo(200);
    ConfigMap now = stored();
    ManagedFieldsEntry editor = entry(now, "editor", "Update");
    assertThat(fieldsV1(editor)).isEqualTo(JSON.readTree("{\"f:data\":{\"f:a\":{}}}"));
    String clientManager = created.getMetadata().getManagedFields().get(0).getManager();
    assertThat(fieldsV1(entry(now, clientManager, "Update")).path("f:data").has("f:a")).isFalse();
    assertThat(fieldsV1(entry(now, clientManager, "Update")).path("f:data").has("f:b")).isTrue();
  }

  // Built-in lists merge by their keys: containers by name, ports by containerPort and protocol.
  @Test
  void containersAppliedByTwoManagersAreMergedByName() {
    api.client().resource(statefulSet("qdrant", 6333)).fieldManager("operator").serverSideApply();

    api.client().resource(statefulSet("sidecar", 9000)).fieldManager("injector").serverSideApply();

    StatefulSet now = api.client().apps().statefulSets().withName("s").get();
    assertThat(now.getSpec().getTemplate().getSpec().getContainers()).extracting(c -> c.getName())
        .containsExactly("qdrant", "sidecar");
    ManagedFieldsEntry operator = now.getMetadata().getManagedFields().stream()
        .filter(e -> e.getManager().equals("operator")).findFirst().orElseThrow();
    JsonNode containers = JSON.valueToTree(operator.getFieldsV1().getAdditionalProperties())
        .path("f:spec").path("f:template").path("f:spec").path("f:containers");
    assertThat(containers.has("k:{\"name\":\"qdrant\"}")).isTrue();
    assertThat(containers.path("k:{\"name\":\"qdrant\"}").path("f:ports")
        .has("k:{\"containerPort\":6333,\"protocol\":\"TCP\"}")).isTrue();
  }

  @Test
  void servicePortsAreKeyedByPortAndProtocol() {
    api.client().resource(service(80)).fieldManager("operator").serverSideApply();

    api.client().resource(service(81)).fieldManager("other").serverSideApply();

    assertThat(api.client().services().withName("svc").get().getSpec().getPorts()).extracting(p -> p.getPort())
        .containsExactly(80, 81);
  }

  @Test
  void statusApplyIsRecordedAgainstTheStatusSubresource() {
    api.client().resource(statefulSet("qdrant", 6333)).fieldManager("operator").serverSideApply();

    RawHttp.Reply reply = api.http().send("PATCH",
        "/apis/apps/v1/namespaces/test/statefulsets/s/status?fieldManager=controller", "application/apply-patch+yaml",
        "{\"apiVersion\":\"apps/v1\",\"kind\":\"StatefulSet\",\"metadata\":{\"name\":\"s\"},"
            + "\"spec\":{\"replicas\":9},\"status\":{\"replicas\":1}}");

    assertThat(reply.code()).isEqualTo(200);
    StatefulSet now = api.client().apps().statefulSets().withName("s").get();
    assertThat(now.getStatus().getReplicas()).isEqualTo(1);
    assertThat(now.getSpec().getReplicas()).isEqualTo(1); // spec is not written through /status
    ManagedFieldsEntry controller = now.getMetadata().getManagedFields().stream()
        .filter(e -> e.getManager().equals("controller")).findFirst().orElseThrow();
    assertThat(controller.getSubresource()).isEqualTo("status");
    assertThat(controller.getOperation()).isEqualTo("Apply");
  }

  private static StatefulSet statefulSet(String container, int port) {
    return new StatefulSetBuilder().withNewMetadata().withName("s").withNamespace("test").endMetadata()
        .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", "q").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "q").endMetadata().withNewSpec()
        .addNewContainer().withName(container).withImage("img").addNewPort().withContainerPort(port).endPort()
        .endContainer().endSpec().endTemplate().endSpec().build();
  }

  private static Service service(int port) {
    return new ServiceBuilder().withNewMetadata().withName("svc").withNamespace("test").endMetadata()
        .withNewSpec().addToSelector(Map.of("app", "q")).addNewPort().withName("p" + port).withPort(port).endPort()
        .endSpec().build();
  }
}
