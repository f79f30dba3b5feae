package io.qdranthybrid.harness.kube;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class DefaultStorageClassAdmissionTest {

  @RegisterExtension
  final ApiServerFixture api = new ApiServerFixture();

  private static StorageClass storageClass(String name, boolean isDefault) {
    return new StorageClassBuilder().withNewMetadata().withName(name)
        .addToAnnotations(DefaultStorageClassAdmission.IS_DEFAULT_CLASS, Boolean.toString(isDefault)).endMetadata()
        .withProvisioner("example.com/" + name).build();
  }

  private static PersistentVolumeClaimBuilder claim(String name) {
    return new PersistentVolumeClaimBuilder().withNewMetadata().withName(name).withNamespace("test").endMetadata()
        .withNewSpec().withAccessModes("ReadWriteOnce").withNewResources()
        .addToRequests("storage", new Quantity("1Gi")).endResources().endSpec();
  }

  @Test
  void aClaimWithoutClassGetsTheDefaultOnCreate() {
    api.client().resource(storageClass("standard", false)).create();
    api.client().resource(storageClass("local-path", true)).create();

    PersistentVolumeClaim created = api.client().resource(claim("data").build()).create();

    assertThat(created.getSpec().getStorageClassName()).isEqualTo("local-path");
    assertThat(api.server().journal().count(Verb.PATCH, "persistentvolumeclaims")).isZero();
  }

  @Test
  void aClaimCreatedByServerSideApplyGetsTheDefaultToo() {
    api.client().resource(storageClass("local-path", true)).create();

    PersistentVolumeClaim applied = api.client().resource(claim("data").build()).fieldManager("test")
        .forceConflicts().serverSideApply();

    assertThat(applied.getSpec().getStorageClassName()).isEqualTo("local-path");
  }

  @Test
  void anExplicitClassOrAnEmptyOneIsKept() {
    api.client().resource(storageClass("local-path", true)).create();

    PersistentVolumeClaim named = api.client().resource(claim("named").editSpec().withStorageClassName("gold")
        .endSpec().build()).create();
    PersistentVolumeClaim none = api.client().resource(claim("none").editSpec().withStorageClassName("")
        .endSpec().build()).create();

    assertThat(named.getSpec().getStorageClassName()).isEqualTo("gold");
    assertThat(none.getSpec().getStorageClassName()).as("an empty class asks for no class at all").isEmpty();
  }

  @Test
  void withoutADefaultTheClaimStaysWithoutClass() {
    api.client().resource(storageClass("standard", false)).create();

    PersistentVolumeClaim created = api.client().resource(claim("data").build()).create();

    assertThat(created.getSpec().getStorageClassName()).isNull();
  }
}
