package io.qdranthybrid.harness.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

class ApiFaultsTest {

  @RegisterExtension
  final ApiServerFixture api = new ApiServerFixture(List.of(),
      // No client-side retries, so every injected failure is visible to the test.
      config -> new ConfigBuilder(config).withRequestRetryBackoffLimit(0).build());

  private ConfigMap configMap(String name) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("test").endMetadata().build();
  }

  @Test
  void injectedFaultFailsOnlyTheNextNMatchingRequests() {
    api.server().faults().failNext(2, Verb.CREATE, "configmaps", InjectedFailure.INTERNAL_ERROR);

    api.client().resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata().withName("other")
        .endMetadata().build()).create();
    api.client().configMaps().list();
    KubernetesClientException first = catchThrowableOfType(KubernetesClientException.class,
        () -> api.client().resource(configMap("a")).create());
    KubernetesClientException second = catchThrowableOfType(KubernetesClientException.class,
        () -> api.client().resource(configMap("a")).create());
    ConfigMap third = api.client().resource(configMap("a")).create();

    assertThat(first.getCode()).isEqualTo(500);
    assertThat(first.getStatus().getReason()).isEqualTo("InternalError");
    assertThat(second.getCode()).isEqualTo(500);
    assertThat(third.getMetadata().getUid()).isNotBlank();
  }

  @Test
  void injectedConflictLooksLikeARealConflict() {
    api.client().resource(configMap("a")).create();
    api.server().faults().failNext(1, Verb.UPDATE, "configmaps", InjectedFailure.CONFLICT);

    KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class,
        () -> api.client().configMaps().withName("a").edit(c -> new ConfigMapBuilder(c).addToData("k", "v").build()));

    // edit() uses PATCH, so an UPDATE fault must not hit it; the PUT below takes it.
    assertThat(e).isNull();
    KubernetesClientException conflict = catchThrowableOfType(KubernetesClientException.class,
        () -> api.client().resource(api.client().configMaps().withName("a").get()).update());
    assertThat(conflict.getCode()).isEqualTo(409);
    assertThat(conflict.getStatus().getMessage()).contains("the object has been modified");
  }

  @Test
  void tooManyRequestsCarriesRetryAfter() {
    api.server().faults().failNext(1, "configmaps", InjectedFailure.TOO_MANY_REQUESTS);

    RawHttp.Reply reply = api.http().get("/api/v1/namespaces/test/configmaps");

    assertThat(reply.code()).isEqualTo(429);
    assertThat(reply.raw().headers().firstValue("Retry-After")).contains("1");
    assertThat(reply.body().path("reason").asText()).isEqualTo("TooManyRequests");
    assertThat(reply.body().path("details").path("retryAfterSeconds").asInt()).isEqualTo(1);
    assertThat(api.http().get("/api/v1/namespaces/test/configmaps").code()).isEqualTo(200);
  }

  @Test
  void latencyDelaysEveryResponse() {
    api.server().faults().latency(Duration.ofMillis(300));

    long started = System.nanoTime();
    api.http().get("/api/v1/namespaces/test/configmaps");
    long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

    assertThat(elapsedMillis).isGreaterThanOrEqualTo(300);
  }

  @Test
  void closedWatchesAreReopenedByInformers() {
    List<String> added = new CopyOnWriteArrayList<>();
    SharedIndexInformer<ConfigMap> informer = api.informAdded(added);
    try {
      await().until(informer::hasSynced);
      await().until(() -> api.server().journal().count(Verb.WATCH, "configmaps") == 1);

      assertThat(api.server().faults().closeAllWatches()).isEqualTo(1);
      await().until(() -> api.server().journal().count(Verb.WATCH, "configmaps") == 2);
      api.client().resource(configMap("after")).create();

      await().until(() -> added.contains("after"));
    } finally {
      informer.close();
    }
  }
}
