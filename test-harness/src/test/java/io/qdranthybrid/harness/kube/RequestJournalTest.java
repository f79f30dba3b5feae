package io.qdranthybrid.harness.kube;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.qdranthybrid.harness.kube.StatusSubresourceTest.statefulSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class RequestJournalTest {

  @RegisterExtension
  final ApiServerFixture api = new ApiServerFixture();

  @Test
  void journalCountsRequestsByVerbAndResource() {
    api.client().resource(statefulSet("s", 1)).create();
    api.client().apps().statefulSets().withName("s").get();
    api.client().apps().statefulSets().list();
    api.client().apps().statefulSets().withName("s").editStatus(s -> new StatefulSetBuilder(s).withNewStatus()
        .withReplicas(1).endStatus().build());
    api.client().resource(new ConfigMapBuilder().withNewMetadata().withName("c").endMetadata().build()).create();
    api.client().configMaps().withName("c").delete();

    RequestJournal.Snapshot counts = api.server().journal().snapshot();

    assertThat(counts.count(Verb.CREATE, "statefulsets.apps")).isEqualTo(1);
    assertThat(counts.count(Verb.CREATE, "statefulsets")).isEqualTo(1);
    assertThat(counts.count(Verb.LIST, "statefulsets")).isEqualTo(1);
    assertThat(counts.count(Verb.CREATE, "configmaps")).isEqualTo(1);
    assertThat(counts.count(Verb.DELETE, "configmaps")).isEqualTo(1);
    assertThat(counts.count(Verb.CREATE)).isEqualTo(2);
    assertThat(counts.writes()).isEqualTo(api.server().journal().writes()).isGreaterThanOrEqualTo(4);
    assertThat(api.server().journal().writeCalls()).anySatisfy(call -> {
      assertThat(call.resource()).isEqualTo("statefulsets");
      assertThat(call.kind()).isEqualTo("StatefulSet");
      assertThat(call.subresource()).isEqualTo("status");
      assertThat(call.namespace()).isEqualTo("test");
      assertThat(call.name()).isEqualTo("s");
      assertThat(call.code()).isEqualTo(200);
    });
  }

  @Test
  void readingAnUnchangedClusterMakesNoWrites() {
    api.client().resource(statefulSet("s", 1)).create();
    api.server().journal().reset();

    for (int i = 0; i < 100; i++) {
      api.client().apps().statefulSets().withName("s").get();
      api.client().pods().withLabel("app", "s").list();
    }

    assertThat(api.server().journal().writes()).isZero();
    assertThat(api.server().journal().count(Verb.GET, "statefulsets")).isEqualTo(100);
    assertThat(api.server().journal().count(Verb.LIST, "pods")).isEqualTo(100);
  }

  @Test
  void failedRequestsAreJournaledWithTheirStatusCode() {
    api.client().resource(statefulSet("s", 1)).create();
    api.server().journal().reset();

    catchThrowable(() -> api.client().resource(statefulSet("s", 1)).create());

    assertThat(api.server().journal().calls()).singleElement().satisfies(call -> {
      assertThat(call.verb()).isEqualTo(Verb.CREATE);
      assertThat(call.code()).isEqualTo(409);
      assertThat(call.succeeded()).isFalse();
    });
    assertThat(api.server().journal().writes()).isEqualTo(1);
  }

  @Test
  void countsOneClientsRequestsApartFromOthers() {
    io.fabric8.kubernetes.client.Config config = api.server().clientConfig("test");
    config.setUserAgent("my-operator/1.0");
    try (io.fabric8.kubernetes.client.KubernetesClient operator = api.server().newClient(config)) {
      operator.resource(statefulSet("s", 1)).create();
      operator.apps().statefulSets().withName("s").get();
      api.client().apps().statefulSets().withName("s").get();
      api.client().apps().statefulSets().list();
    }

    RequestJournal.Snapshot mine = api.server().journal().snapshotFrom("my-operator");

    assertThat(mine.count(Verb.CREATE)).isEqualTo(1);
    assertThat(mine.count(Verb.GET, "statefulsets")).isEqualTo(1);
    assertThat(mine.count(Verb.LIST)).isZero();
    assertThat(api.server().journal().snapshot().count(Verb.GET, "statefulsets")).isEqualTo(2);
  }

  @Test
  void resetClearsCountsAndCalls() {
    api.client().resource(statefulSet("s", 1)).create();

    api.server().journal().reset();

    assertThat(api.server().journal().snapshot().total()).isZero();
    assertThat(api.server().journal().calls()).isEmpty();
  }
}
