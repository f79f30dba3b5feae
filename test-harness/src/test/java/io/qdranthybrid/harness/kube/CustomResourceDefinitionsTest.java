package io.qdranthybrid.harness.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CustomResourceDefinitionsTest {

  @RegisterExtension
  final ApiServerFixture api = new ApiServerFixture(List.of(TestCrds.widgets()));

  private static GenericKubernetesResource object(String apiVersion, String kind, String name, String namespace) {
    return new GenericKubernetesResourceBuilder().withApiVersion(apiVersion).withKind(kind).withNewMetadata()
        .withName(name).withNamespace(namespace).endMetadata().withAdditionalProperties(Map.of("spec", Map.of()))
        .build();
  }

  @Test
  void harnessDefinitionsAreStoredAsEstablishedCrds() {
    for (String name : List.of("volumesnapshots.snapshot.storage.k8s.io",
        "volumesnapshotcontents.snapshot.storage.k8s.io", "volumesnapshotclasses.snapshot.storage.k8s.io",
        "helmreleases.cd.qdrant.io", "helmrepositories.cd.qdrant.io", "widgets.example.com")) {
      CustomResourceDefinition crd = api.client().apiextensions().v1().customResourceDefinitions().withName(name).get();
      assertThat(crd).as(name).isNotNull();
      assertThat(crd.getStatus().getConditions())
          .anySatisfy(c -> assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("Established=True"));
    }
  }

  @Test
  void namespacedAndClusterScopedCustomResourcesLiveWhereTheirScopeSays() {
    api.client().resource(object("snapshot.storage.k8s.io/v1", "VolumeSnapshot", "snap", "test")).create();
    api.client().resource(object("snapshot.storage.k8s.io/v1", "VolumeSnapshotContent", "content", null)).create();
    RawHttp http = api.http();

    assertThat(api.http().get("/apis/snapshot.storage.k8s.io/v1/namespaces/test/volumesnapshots/snap").code())
        .isEqualTo(200);
    assertThat(api.http().get("/apis/snapshot.storage.k8s.io/v1/volumesnapshotcontents/content").code()).isEqualTo(200);
    assertThat(api.http().get("/apis/snapshot.storage.k8s.io/v1/namespaces/test/volumesnapshotcontents/content").code())
        .isEqualTo(404);
    assertThat(api.http().get("/apis/snapshot.storage.k8s.io/v1/volumesnapshotcontents/content").body()
        .path("metadata").has("namespace")).isFalse();
  }

  @Test
  void helmReleaseHasAStatusSubresource() {
    GenericKubernetesResource release = api.client().resource(object("cd.qdrant.io/v2", "HelmRelease", "qdrant", "test"))
        .create();
    release.setAdditionalProperty("status", Map.of("observedGeneration", 1));
    api.client().resource(release).updateStatus();

    GenericKubernetesResource current = api.client().genericKubernetesResources("cd.qdrant.io/v2", "HelmRelease")
        .withName("qdrant").get();
    current.setAdditionalProperty("status", Map.of("observedGeneration", 99));
    GenericKubernetesResource updated = api.client().resource(current).update();

    assertThat(updated.get("status", "observedGeneration").toString()).isEqualTo("1");
  }

  @Test
  void crdCreatedThroughTheApiIsServed() {
    CustomResourceDefinition gadgets = CustomResourceDefinitions.definition("example.org", "v1alpha1", "Gadget",
        "gadgets", true, true, "gd");
    api.client().resource(gadgets).create();

    api.client().resource(object("example.org/v1alpha1", "Gadget", "g", "test")).create();

    assertThat(api.client().genericKubernetesResources("example.org/v1alpha1", "Gadget").list().getItems()).hasSize(1);
  }

  @Test
  void classpathDefinitionsAreLoadedFromMetaInfFabric8(@TempDir Path dir) throws Exception {
    Path fabric8 = Files.createDirectories(dir.resolve("META-INF/fabric8"));
    CustomResourceDefinition gizmos = CustomResourceDefinitions.definition("example.net", "v1", "Gizmo", "gizmos",
        false, false, "gz");
    Files.writeString(fabric8.resolve("gizmos.example.net-v1.yml"), new KubernetesSerialization().asYaml(gizmos));
    Files.writeString(fabric8.resolve("gizmos.example.net-v1beta1.yml"), "not: loaded");

    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
      List<CustomResourceDefinition> loaded = CustomResourceDefinitions.fromClasspath(loader);

      assertThat(loaded).extracting(c -> c.getMetadata().getName()).containsExactly("gizmos.example.net");
    }
  }

  @Test
  void everyClasspathDefinitionIsServed() {
    List<CustomResourceDefinition> onClasspath =
        CustomResourceDefinitions.fromClasspath(Thread.currentThread().getContextClassLoader());

    for (CustomResourceDefinition crd : onClasspath) {
      var spec = crd.getSpec();
      assertThat(api.server().resourceTypes().find(spec.getGroup(), spec.getVersions().get(0).getName(),
          spec.getNames().getPlural())).as(crd.getMetadata().getName()).isPresent();
    }
  }
}
