package io.qdranthybrid.harness.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class OptimisticConcurrencyTest {

  @RegisterExtension
  final ApiServerFixture api = new ApiServerFixture();

  private static ConfigMap configMap(String value) {
    return new ConfigMapBuilder().withNewMetadata().withName("c").withNamespace("test").endMetadata()
        .addToData("k", value).build();
  }

  @Test
  void staleResourceVersionIsRejectedWithConflict() {
    ConfigMap original = api.client().resource(configMap("1")).create();
    api.client().resource(new ConfigMapBuilder(original).addToData("k", "2").build()).update();

    KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class,
        () -> api.client().resource(new ConfigMapBuilder(original).addToData("k", "3").build()).update());

    assertThat(e.getCode()).isEqualTo(409);
    assertThat(e.getStatus().getReason()).isEqualTo("Conflict");
    assertThat(e.getStatus().getMessage()).isEqualTo("Operation cannot be fulfilled on configmaps \"c\": the object "
        + "has been modified; please apply your changes to the latest version and try again");
    assertThat(api.client().configMaps().withName("c").get().getData()).containsEntry("k", "2");
  }

  @Test
  void patchCarryingStaleResourceVersionIsRejectedWithConflict() {
    ConfigMap original = api.client().resource(configMap("1")).create();
    api.client().resource(new ConfigMapBuilder(original).addToData("k", "2").build()).update();

    RawHttp.Reply reply = api.http().send("PATCH", "/api/v1/namespaces/test/configmaps/c", "application/merge-patch+json",
        "{\"metadata\":{\"resourceVersion\":\"" + original.getMetadata().getResourceVersion()
            + "\"},\"data\":{\"k\":\"3\"}}");

    assertThat(reply.code()).isEqualTo(409);
    assertThat(reply.body().path("kind").asText()).isEqualTo("Status");
    assertThat(reply.body().path("reason").asText()).isEqualTo("Conflict");
  }

  @Test
  void createOfExistingNameIsRejectedWithAlreadyExists() {
    api.client().resource(configMap("1")).create();

    KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class,
        () -> api.client().resource(configMap("2")).create());

    assertThat(e.getCode()).isEqualTo(409);
    assertThat(e.getStatus().getReason()).isEqualTo("AlreadyExists");
    assertThat(e.getStatus().getMessage()).isEqualTo("configmaps \"c\" already exists");
  }

  @Test
  void updateWithoutResourceVersionIsUnconditional() {
    api.client().resource(configMap("1")).create();
    api.client().configMaps().withName("c").edit(c -> new ConfigMapBuilder(c).addToData("k", "2").build());

    RawHttp.Reply reply = api.http().send("PUT", "/api/v1/namespaces/test/configmaps/c", "application/json",
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"},\"data\":{\"k\":\"3\"}}");

    assertThat(reply.code()).isEqualTo(200);
    assertThat(api.client().configMaps().withName("c").get().getData()).containsEntry("k", "3");
  }

  @Test
  void getOfMissingObjectIsNotFoundStatus() {
    RawHttp.Reply reply = api.http().get("/api/v1/namespaces/test/configmaps/missing");

    assertThat(reply.code()).isEqualTo(404);
    assertThat(reply.body().path("reason").asText()).isEqualTo("NotFound");
    assertThat(reply.body().path("message").asText()).isEqualTo("configmaps \"missing\" not found");
  }
}
