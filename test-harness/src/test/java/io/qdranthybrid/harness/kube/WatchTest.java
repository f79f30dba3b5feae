package io.qdranthybrid.harness.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WatchTest {

  @RegisterExtension
  final ApiServerFixture api = new ApiServerFixture();

  private ConfigMap create(String name, Map<String, String> labels) {
    return api.client().resource(new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("test")
        .withLabels(labels).endMetadata().build()).create();
  }

  private static Watcher<ConfigMap> recorder(List<String> events) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, ConfigMap resource) {
        String value = resource.getData() == null ? "-" : resource.getData().getOrDefault("n", "-");
        events.add(action + " " + resource.getMetadata().getName() + " " + value);
      }

      @Override
      public void onClose(WatcherException cause) {
      }
    };
  }

  @Test
  void watchDeliversEveryChangeInOrder() {
    create("c", Map.of());
    List<String> events = new CopyOnWriteArrayList<>();
    try (Watch ignored = api.client().configMaps().withName("c").watch(recorder(events))) {
      await().until(() -> events.size() == 1);
      for (int i = 0; i < 50; i++) {
        String n = Integer.toString(i);
        api.client().configMaps().withName("c").edit(c -> new ConfigMapBuilder(c).addToData("n", n).build());
      }
      api.client().configMaps().withName("c").delete();

      await().until(() -> events.size() == 52);
      List<String> expected = new java.util.ArrayList<>(List.of("ADDED c -"));
      IntStream.range(0, 50).forEach(i -> expected.add("MODIFIED c " + i));
      expected.add("DELETED c 49");
      assertThat(events).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void watchFromResourceVersionReplaysRetainedHistory() {
    String from = create("c", Map.of()).getMetadata().getResourceVersion();
    api.client().configMaps().withName("c").edit(c -> new ConfigMapBuilder(c).addToData("n", "1").build());
    api.client().configMaps().withName("c").edit(c -> new ConfigMapBuilder(c).addToData("n", "2").build());
    create("d", Map.of());

    List<String> events = new CopyOnWriteArrayList<>();
    try (Watch ignored = api.client().configMaps().withResourceVersion(from).watch(recorder(events))) {
      await().until(() -> events.size() == 3);
      assertThat(events).containsExactly("MODIFIED c 1", "MODIFIED c 2", "ADDED d -");
    }
  }

  @Test
  void watchFromCompactedResourceVersionGetsGone() {
    String from = create("c", Map.of()).getMetadata().getResourceVersion();
    api.server().faults().compactHistory();

    AtomicReference<WatcherException> closed = new AtomicReference<>();
    Watch watch = api.client().configMaps().withResourceVersion(from).watch(closeRecorder(closed));
    try {
      await().until(() -> closed.get() != null);
      assertThat(closed.get().isHttpGone()).isTrue();
    } finally {
      watch.close();
    }
  }

  @Test
  void watchFromResourceVersionOlderThanTheRetainedWindowGetsGone() {
    try (SimulatedApiServer small = SimulatedApiServer.start(List.of(), 3);
         KubernetesClient client = small.newClient("test")) {
      String from = client.resource(new ConfigMapBuilder().withNewMetadata().withName("c").endMetadata().build())
          .create().getMetadata().getResourceVersion();
      for (int i = 0; i < 4; i++) {
        String n = Integer.toString(i);
        client.configMaps().withName("c").edit(c -> new ConfigMapBuilder(c).addToData("n", n).build());
      }
      AtomicReference<WatcherException> closed = new AtomicReference<>();
      List<String> events = new CopyOnWriteArrayList<>();
      String recent = client.configMaps().withName("c").get().getMetadata().getResourceVersion();

      try (Watch old = client.configMaps().withResourceVersion(from).watch(closeRecorder(closed));
           Watch fresh = client.configMaps().withResourceVersion(Long.toString(Long.parseLong(recent) - 2))
               .watch(recorder(events))) {
        await().until(() -> closed.get() != null && events.size() == 2);
        assertThat(closed.get().isHttpGone()).isTrue();
        assertThat(events).containsExactly("MODIFIED c 2", "MODIFIED c 3");
      }
    }
  }

  private static Watcher<ConfigMap> closeRecorder(AtomicReference<WatcherException> closed) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, ConfigMap resource) {
      }

      @Override
      public void onClose(WatcherException cause) {
        closed.set(cause);
      }
    };
  }

  @Test
  void exactListFromCompactedResourceVersionGetsGone() {
    String from = create("c", Map.of()).getMetadata().getResourceVersion();
    api.server().faults().compactHistory();
    RawHttp http = api.http();

    RawHttp.Reply exact = api.http().get("/api/v1/namespaces/test/configmaps?resourceVersion=" + from
        + "&resourceVersionMatch=Exact");
    // Without Exact the real server (watch cache) serves any state not older than the given version.
    RawHttp.Reply notOlderThan = api.http().get("/api/v1/namespaces/test/configmaps?resourceVersion=" + from);

    assertThat(exact.code()).isEqualTo(410);
    assertThat(exact.body().path("reason").asText()).isEqualTo("Expired");
    assertThat(notOlderThan.code()).isEqualTo(200);
  }

  @Test
  void paginatedListReturnsEveryObjectOnceAndItsTokenExpiresAfterCompaction() {
    IntStream.range(0, 5).forEach(i -> create("c" + i, Map.of()));
    RawHttp http = api.http();

    RawHttp.Reply first = api.http().get("/api/v1/namespaces/test/configmaps?limit=2");
    String token = first.body().path("metadata").path("continue").asText();
    RawHttp.Reply second = api.http().get("/api/v1/namespaces/test/configmaps?limit=2&continue=" + token);
    RawHttp.Reply last = api.http().get("/api/v1/namespaces/test/configmaps?limit=2&continue="
        + second.body().path("metadata").path("continue").asText());
    api.server().faults().compactHistory();
    RawHttp.Reply expired = api.http().get("/api/v1/namespaces/test/configmaps?limit=2&continue=" + token);

    assertThat(first.body().path("metadata").path("remainingItemCount").asInt()).isEqualTo(3);
    List<String> names = new java.util.ArrayList<>();
    for (RawHttp.Reply page : List.of(first, second, last)) {
      page.body().path("items").forEach(item -> names.add(item.path("metadata").path("name").asText()));
    }
    assertThat(names).containsExactly("c0", "c1", "c2", "c3", "c4");
    assertThat(last.body().path("metadata").has("continue")).isFalse();
    assertThat(expired.code()).isEqualTo(410);
  }

  @Test
  void watchFromCompactedResourceVersionGetsGoneAndInformerRelists() {
    create("a", Map.of());
    List<String> added = new CopyOnWriteArrayList<>();
    SharedIndexInformer<ConfigMap> informer = api.informAdded(added);
    try {
      await().until(() -> added.contains("a"));
      long listsBefore = api.server().journal().count(Verb.LIST, "configmaps");

      api.server().faults().compactHistory();
      api.server().faults().closeAllWatches();
      create("b", Map.of());

      await().until(() -> added.contains("b"));
      await().until(() -> api.server().journal().count(Verb.LIST, "configmaps") > listsBefore);
      assertThat(informer.getStore().list()).extracting(c -> c.getMetadata().getName())
          .containsExactlyInAnyOrder("a", "b");
    } finally {
      informer.close();
    }
  }

  @Test
  void listHonoursLabelSelectorOperators() {
    create("prod", Map.of("env", "prod", "tier", "db"));
    create("staging", Map.of("env", "staging"));
    create("bare", Map.of());

    assertThat(names("env=prod")).containsExactly("prod");
    assertThat(names("env!=prod")).containsExactly("bare", "staging");
    assertThat(names("env in (prod,staging)")).containsExactly("prod", "staging");
    assertThat(names("env notin (prod)")).containsExactly("bare", "staging");
    assertThat(names("env")).containsExactly("prod", "staging");
    assertThat(names("!env")).containsExactly("bare");
    assertThat(names("env=prod,tier=db")).containsExactly("prod");
  }

  private List<String> names(String selector) {
    return api.client().configMaps().withLabelSelector(selector).list().getItems().stream()
        .map(c -> c.getMetadata().getName()).toList();
  }

  @Test
  void listHonoursFieldSelectorOnNameAndNamespace() {
    create("one", Map.of());
    create("two", Map.of());
    api.client().resource(new ConfigMapBuilder().withNewMetadata().withName("one").withNamespace("other").endMetadata()
        .build()).create();

    assertThat(api.client().configMaps().inAnyNamespace().withField("metadata.name", "one").list().getItems())
        .extracting(c -> c.getMetadata().getNamespace()).containsExactly("other", "test");
    assertThat(api.client().configMaps().inAnyNamespace().withField("metadata.namespace", "other").list().getItems())
        .hasSize(1);
  }

  @Test
  void watchWithLabelSelectorSeesObjectsEnterAndLeave() {
    List<String> events = new CopyOnWriteArrayList<>();
    try (Watch ignored = api.client().configMaps().withLabel("app", "x").watch(recorder(events))) {
      create("c", Map.of());
      api.client().configMaps().withName("c").edit(c -> new ConfigMapBuilder(c).editMetadata().addToLabels("app", "x")
          .endMetadata().build());
      api.client().configMaps().withName("c").edit(c -> new ConfigMapBuilder(c).editMetadata().addToLabels("app", "y")
          .endMetadata().build());

      api.client().configMaps().withName("c").edit(c -> new ConfigMapBuilder(c).addToData("n", "outside").build());

      await().until(() -> events.size() == 2);
      assertThat(events).containsExactly("ADDED c -", "DELETED c -");
    }
  }
}
