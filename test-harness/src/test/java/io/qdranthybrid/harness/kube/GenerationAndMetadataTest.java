package io.qdranthybrid.harness.kube;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static io.qdranthybrid.harness.kube.StatusSubresourceTest.statefulSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class GenerationAndMetadataTest {

  @RegisterExtension
  final ApiServerFixture api = new ApiServerFixture();

  @Test
  void createSetsUidCreationTimestampAndGenerationOne() {
    StatefulSet a = api.client().resource(statefulSet("a", 1)).create();
    StatefulSet b = api.client().resource(statefulSet("b", 1)).create();

    assertThat(a.getMetadata().getGeneration()).isEqualTo(1);
    assertThat(a.getMetadata().getUid()).isNotBlank().isNotEqualTo(b.getMetadata().getUid());
    assertThat(Instant.parse(a.getMetadata().getCreationTimestamp()))
        .isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));
  }

  @Test
  void generationGrowsOnlyWhenSpecChanges() {
    api.client().resource(statefulSet("s", 1)).create();

    StatefulSet labelled = api.client().apps().statefulSets().withName("s")
        .edit(s -> new StatefulSetBuilder(s).editMetadata().addToLabels("team", "a").endMetadata().build());
    StatefulSet withStatus = api.client().apps().statefulSets().withName("s")
        .editStatus(s -> new StatefulSetBuilder(s).withNewStatus().withReplicas(1).endStatus().build());
    StatefulSet scaled = api.client().apps().statefulSets().withName("s")
        .edit(s -> new StatefulSetBuilder(s).editSpec().withReplicas(2).endSpec().build());

    assertThat(labelled.getMetadata().getGeneration()).isEqualTo(1);
    assertThat(withStatus.getMetadata().getGeneration()).isEqualTo(1);
    assertThat(scaled.getMetadata().getGeneration()).isEqualTo(2);
  }

  @Test
  void resourceVersionIncreasesAcrossAllKinds() {
    long first = Long.parseLong(api.client().resource(statefulSet("s", 1)).create().getMetadata().getResourceVersion());
    long second = Long.parseLong(api.client().resource(new ConfigMapBuilder().withNewMetadata().withName("c").endMetadata()
        .build()).create().getMetadata().getResourceVersion());
    long third = Long.parseLong(api.client().apps().statefulSets().withName("s")
        .edit(s -> new StatefulSetBuilder(s).editSpec().withReplicas(2).endSpec().build())
        .getMetadata().getResourceVersion());

    assertThat(second).isGreaterThan(first);
    assertThat(third).isGreaterThan(second);
    assertThat(Long.parseLong(api.client().configMaps().list().getMetadata().getResourceVersion())).isEqualTo(third);
  }

  @Test
  void updateThatChangesNothingKeepsResourceVersion() {
    StatefulSet created = api.client().resource(statefulSet("s", 1)).create();

    StatefulSet same = api.client().resource(created).update();

    assertThat(same.getMetadata().getResourceVersion()).isEqualTo(created.getMetadata().getResourceVersion());
  }

  @Test
  void dryRunCreateIsAnsweredButNotStored() {
    RawHttp.Reply reply = api.http().send("POST", "/api/v1/namespaces/test/configmaps?dryRun=All",
        "application/json", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"}}");

    assertThat(reply.code()).isEqualTo(201);
    assertThat(reply.body().path("metadata").path("uid").asText()).isNotBlank();
    assertThat(api.client().configMaps().withName("c").get()).isNull();
  }

  @Test
  void labelValueLongerThanSixtyThreeCharactersIsRejected() {
    String tooLong = "x".repeat(64);

    KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class,
        () -> api.client().resource(new ConfigMapBuilder().withNewMetadata().withName("c").addToLabels("app", tooLong)
            .endMetadata().build()).create());

    assertThat(e.getCode()).isEqualTo(422);
    assertThat(e.getStatus().getMessage()).contains("at most 63 characters");
  }

  @Test
  void serviceNameMustBeADns1035Label() {
    KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class,
        () -> api.client().resource(new ServiceBuilder().withNewMetadata().withName("1-qdrant").endMetadata().build())
            .create());

    assertThat(e.getCode()).isEqualTo(422);
    assertThat(e.getStatus().getMessage()).contains("DNS-1035 label");
  }

  @Test
  void invalidNameIsRejected() {
    RawHttp.Reply reply = api.http().send("POST", "/api/v1/namespaces/test/configmaps", "application/json",
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"Not_Valid\"}}");

    assertThat(reply.code()).isEqualTo(422);
    assertThat(reply.body().path("reason").asText()).isEqualTo("Invalid");
  }
}
