package io.qdranthybrid.harness.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.qdranthybrid.harness.cluster.ClusterCrds;
import io.qdranthybrid.harness.cluster.QdrantCrds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CustomResourceDefinitions as a real cluster has them: a fresh API server serves built-in kinds only, a CRD is served
 * once created through the API and no longer once deleted (apiextensions-apiserver, pkg/apiserver/customresource_handler.go:
 * a request for a group/version/resource no Established CRD serves falls through to the 404 not-found handler).
 */
class CustomResourceDefinitionsTest {

  private static final String SNAPSHOTS = "/apis/snapshot.storage.k8s.io/v1/namespaces/test/volumesnapshots";

  @RegisterExtension
  final ApiServerFixture api = new ApiServerFixture();

  private static GenericKubernetesResource object(String apiVersion, String kind, String name, String namespace,
                                                  Map<String, Object> spec) {
    return new GenericKubernetesResourceBuilder().withApiVersion(apiVersion).withKind(kind).withNewMetadata()
        .withName(name).withNamespace(namespace).endMetadata().withAdditionalProperties(Map.of("spec", spec))
        .build();
  }

  @Test
  void aFreshServerServesNoCustomKindAndAnswersTheRealNotFound() {
    assertThat(api.client().apiextensions().v1().customResourceDefinitions().list().getItems()).isEmpty();

    RawHttp.Reply reply = api.http().get(SNAPSHOTS);

    assertThat(reply.code()).isEqualTo(404);
    assertThat(reply.body().path("kind").asText()).isEqualTo("Status");
    assertThat(reply.body().path("reason").asText()).isEqualTo("NotFound");
    assertThat(reply.body().path("message").asText()).isEqualTo("the server could not find the requested resource");
    assertThat(api.http().get("/apis").body().toString()).doesNotContain("snapshot.storage.k8s.io", "qdrant.io");
    assertThat(api.http().get("/apis/qdrant.io/v1").code()).isEqualTo(404);
  }

  @Test
  void aCrdAppliedThroughTheApiIsEstablishedAndServed() {
    QdrantCrds.install(api.client(), ClusterCrds.volumeSnapshots(), Duration.ofSeconds(10));

    CustomResourceDefinition crd = api.client().apiextensions().v1().customResourceDefinitions()
        .withName("volumesnapshots.snapshot.storage.k8s.io").get();
    assertThat(crd.getStatus().getConditions())
        .anySatisfy(c -> assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("Established=True"));
    assertThat(api.http().get(SNAPSHOTS).code()).isEqualTo(200);
    assertThat(api.http().get("/apis").body().toString()).contains("snapshot.storage.k8s.io");
  }

  @Test
  void deletingACrdStopsServingItsKind() {
    QdrantCrds.install(api.client(), ClusterCrds.volumeSnapshots(), Duration.ofSeconds(10));

    api.client().apiextensions().v1().customResourceDefinitions().withName("volumesnapshots.snapshot.storage.k8s.io")
        .delete();

    assertThat(api.http().get(SNAPSHOTS).code()).isEqualTo(404);
    assertThat(api.http().get(SNAPSHOTS).body().path("message").asText())
        .isEqualTo("the server could not find the requested resource");
    assertThat(api.http().get("/apis/snapshot.storage.k8s.io/v1").body().toString())
        .doesNotContain("\"volumesnapshots\"").contains("volumesnapshotcontents");
  }

  @Test
  void namespacedAndClusterScopedCustomResourcesLiveWhereTheirScopeSays() {
    QdrantCrds.install(api.client(), ClusterCrds.volumeSnapshots(), Duration.ofSeconds(10));
    api.client().resource(object("snapshot.storage.k8s.io/v1", "VolumeSnapshot", "snap", "test",
        Map.of("source", Map.of("persistentVolumeClaimName", "data")))).create();
    api.client().resource(object("snapshot.storage.k8s.io/v1", "VolumeSnapshotContent", "content", null,
        Map.of("driver", "sim.csi", "deletionPolicy", "Delete", "source", Map.of("snapshotHandle", "h1"),
            "volumeSnapshotRef", Map.of("name", "snap", "namespace", "test")))).create();

    assertThat(api.http().get(SNAPSHOTS + "/snap").code()).isEqualTo(200);
    assertThat(api.http().get("/apis/snapshot.storage.k8s.io/v1/volumesnapshotcontents/content").code()).isEqualTo(200);
    assertThat(api.http().get("/apis/snapshot.storage.k8s.io/v1/namespaces/test/volumesnapshotcontents/content").code())
        .isEqualTo(404);
    assertThat(api.http().get("/apis/snapshot.storage.k8s.io/v1/volumesnapshotcontents/content").body()
        .path("metadata").has("namespace")).isFalse();
  }

  @Test
  void helmReleaseFromDeployHasAStatusSubresource() {
    QdrantCrds.install(api.client(), ClusterCrds.helm(), Duration.ofSeconds(10));
    GenericKubernetesResource release = api.client().resource(object("cd.qdrant.io/v2", "HelmRelease", "qdrant", "test",
        Map.of("interval", "10m", "chart", Map.of("spec", Map.of("chart", "qdrant-operator",
            "sourceRef", Map.of("kind", "HelmRepository", "name", "qdrant-cloud")))))).create();
    release.setAdditionalProperty("status", Map.of("observedGeneration", 1));
    api.client().resource(release).updateStatus();

    GenericKubernetesResource current = api.client().genericKubernetesResources("cd.qdrant.io/v2", "HelmRelease")
        .withName("qdrant").get();
    current.setAdditionalProperty("status", Map.of("observedGeneration", 99));
    GenericKubernetesResource updated = api.client().resource(current).update();

    assertThat(updated.get("status", "observedGeneration").toString()).isEqualTo("1");
  }

  @Test
  void aRealInstallHasTheSnapshotQdrantAndHelmCrdsButNoOptionalOnes() {
    List<String> names = ClusterCrds.realInstall(true).stream().map(c -> c.getMetadata().getName()).toList();

    assertThat(names).contains("volumesnapshots.snapshot.storage.k8s.io", "volumesnapshotcontents.snapshot.storage.k8s.io",
        "volumesnapshotclasses.snapshot.storage.k8s.io", "qdrantclusters.qdrant.io", "helmreleases.cd.qdrant.io",
        "helmrepositories.cd.qdrant.io");
    assertThat(names).noneMatch(n -> n.endsWith("auth.qdrant.io") || n.endsWith("routing.qdrant.io"));
    assertThat(ClusterCrds.realInstall(false).stream().map(c -> c.getSpec().getGroup()))
        .doesNotContain("cd.qdrant.io");
  }

  @Test
  void crdCreatedThroughTheApiIsServed() {
    CustomResourceDefinition gadgets = CustomResourceDefinitions.definition("example.org", "v1alpha1", "Gadget",
        "gadgets", true, true, "gd");
    api.client().resource(gadgets).create();

    api.client().resource(object("example.org/v1alpha1", "Gadget", "g", "test", Map.of())).create();

    assertThat(api.client().genericKubernetesResources("example.org/v1alpha1", "Gadget").list().getItems()).hasSize(1);
  }
}
