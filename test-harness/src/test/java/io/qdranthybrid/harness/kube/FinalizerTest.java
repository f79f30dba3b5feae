package io.qdranthybrid.harness.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

class FinalizerTest {

  @RegisterExtension
  final ApiServerFixture api = new ApiServerFixture();

  private ConfigMap createWithFinalizer() {
    return api.client().resource(new ConfigMapBuilder().withNewMetadata().withName("c").withNamespace("test")
        .addToFinalizers("example.com/cleanup").endMetadata().build()).create();
  }

  private Watch record(List<String> events) {
    return api.client().configMaps().watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, ConfigMap resource) {
        events.add(action + " " + (resource.getMetadata().getDeletionTimestamp() != null ? "deleting" : "live")
            + " " + resource.getMetadata().getFinalizers().size());
      }

      @Override
      public void onClose(WatcherException cause) {
      }
    });
  }

  @Test
  void deleteWaitsForFinalizers() {
    createWithFinalizer();
    List<String> events = new CopyOnWriteArrayList<>();
    try (Watch ignored = record(events)) {
      await().until(() -> events.size() == 1);

      api.client().configMaps().withName("c").delete();

      ConfigMap deleting = api.client().configMaps().withName("c").get();
      assertThat(deleting).isNotNull();
      assertThat(deleting.getMetadata().getDeletionTimestamp()).isNotBlank();
      assertThat(deleting.getMetadata().getDeletionGracePeriodSeconds()).isNotNull();
      await().until(() -> events.size() == 2);
      assertThat(events).containsExactly("ADDED live 1", "MODIFIED deleting 1");
    }
  }

  @Test
  void removingTheLastFinalizerOfADeletingObjectDeletesIt() {
    createWithFinalizer();
    api.client().configMaps().withName("c").delete();
    List<String> events = new CopyOnWriteArrayList<>();
    try (Watch ignored = record(events)) {
      await().until(() -> events.size() == 1);

      api.client().configMaps().withName("c").edit(c -> new ConfigMapBuilder(c).editMetadata().withFinalizers(List.of())
          .endMetadata().build());

      assertThat(api.client().configMaps().withName("c").get()).isNull();
      await().until(() -> events.size() == 2);
      assertThat(events).containsExactly("ADDED deleting 1", "DELETED deleting 0");
    }
  }

  @Test
  void addingAFinalizerToADeletingObjectIsRefused() {
    createWithFinalizer();
    api.client().configMaps().withName("c").delete();

    KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class,
        () -> api.client().configMaps().withName("c").edit(c -> new ConfigMapBuilder(c).editMetadata()
            .addToFinalizers("example.com/another").endMetadata().build()));

    assertThat(e.getCode()).isEqualTo(422);
    assertThat(e.getStatus().getMessage()).contains("no new finalizers can be added if the object is being deleted");
  }

  @Test
  void foregroundDeletionAddsTheForegroundFinalizerForTheGarbageCollector() {
    api.client().resource(new ConfigMapBuilder().withNewMetadata().withName("owner").endMetadata().build()).create();

    api.client().configMaps().withName("owner").withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();

    ConfigMap deleting = api.client().configMaps().withName("owner").get();
    assertThat(deleting.getMetadata().getFinalizers()).containsExactly("foregroundDeletion");
    assertThat(deleting.getMetadata().getDeletionTimestamp()).isNotBlank();
  }

  @Test
  void dryRunDeleteKeepsTheObject() {
    api.client().resource(new ConfigMapBuilder().withNewMetadata().withName("kept").endMetadata().build()).create();

    RawHttp.Reply reply = api.http().send("DELETE", "/api/v1/namespaces/test/configmaps/kept?dryRun=All",
        null, null);

    assertThat(reply.code()).isEqualTo(200);
    assertThat(api.client().configMaps().withName("kept").get()).isNotNull();
  }

  @Test
  void objectWithoutFinalizersIsDeletedAtOnce() {
    api.client().resource(new ConfigMapBuilder().withNewMetadata().withName("plain").endMetadata().build()).create();

    api.client().configMaps().withName("plain").delete();

    assertThat(api.client().configMaps().withName("plain").get()).isNull();
  }
}
