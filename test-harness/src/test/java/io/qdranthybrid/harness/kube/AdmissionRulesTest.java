package io.qdranthybrid.harness.kube;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AdmissionRulesTest {

  @RegisterExtension
  final ApiServerFixture api = new ApiServerFixture();

  private static PersistentVolumeClaim claim(String size) {
    return new PersistentVolumeClaimBuilder().withNewMetadata().withName("data").withNamespace("test").endMetadata()
        .withNewSpec().withNewResources().addToRequests("storage", new Quantity(size)).endResources().endSpec()
        .build();
  }

  private static long requested(io.fabric8.kubernetes.api.model.GenericKubernetesResource pvc) {
    Object size = pvc.get("spec", "resources", "requests", "storage");
    return Quantity.getAmountInBytes(new Quantity(size.toString())).longValue();
  }

  @Test
  void validatingRuleRejectsAnUpdateWithInvalidAndItsMessage() {
    api.server().admission().validate("PersistentVolumeClaim", (oldPvc, newPvc) ->
        oldPvc != null && requested(newPvc) < requested(oldPvc)
            ? Optional.of("spec.resources.requests.storage: Forbidden: field can not be less than previous value")
            : Optional.empty());
    api.client().resource(claim("10Gi")).create();

    KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class,
        () -> api.client().persistentVolumeClaims().withName("data").edit(p -> claim("5Gi")));
    PersistentVolumeClaim grown = api.client().persistentVolumeClaims().withName("data").edit(p ->
        new PersistentVolumeClaimBuilder(p).editSpec().editResources().addToRequests("storage", new Quantity("20Gi"))
            .endResources().endSpec().build());

    assertThat(e.getCode()).isEqualTo(422);
    assertThat(e.getStatus().getReason()).isEqualTo("Invalid");
    assertThat(e.getStatus().getMessage()).isEqualTo("PersistentVolumeClaim \"data\" is invalid: "
        + "spec.resources.requests.storage: Forbidden: field can not be less than previous value");
    assertThat(grown.getSpec().getResources().getRequests().get("storage")).isEqualTo(new Quantity("20Gi"));
  }

  @Test
  void forbiddingRuleRejectsACreateWithForbidden() {
    api.server().admission().register("ConfigMap", AdmissionRules.Rejection.FORBIDDEN, (oldCm, newCm) ->
        oldCm == null && newCm.getMetadata().getName().startsWith("blocked")
            ? Optional.of("names starting with blocked are reserved") : Optional.empty());

    KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class,
        () -> api.client().resource(new ConfigMapBuilder().withNewMetadata().withName("blocked-1").endMetadata().build())
            .create());
    api.client().resource(new ConfigMapBuilder().withNewMetadata().withName("allowed").endMetadata().build()).create();

    assertThat(e.getCode()).isEqualTo(403);
    assertThat(e.getStatus().getMessage()).contains("names starting with blocked are reserved");
    assertThat(api.client().configMaps().withName("blocked-1").get()).isNull();
    assertThat(api.client().configMaps().withName("allowed").get()).isNotNull();
  }
}
