package io.qdranthybrid.harness.kube;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Load figure for the simulated API server: N three-node StatefulSets with their pods, PVCs, services
 * and config, pod status updates, and informers on every kind watching all namespaces. Prints elapsed
 * times and requests per verb. Run: {@code java -cp <test classpath> ...SimulatedApiServerBenchmark [clusters]}.
 */
public final class SimulatedApiServerBenchmark {

  private static final int NODES = 3;
  private static final int NAMESPACES = 50;

  private SimulatedApiServerBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int clusters = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int writers = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    try (SimulatedApiServer server = SimulatedApiServer.start();
         KubernetesClient client = server.newClient("default")) {
      List<SharedIndexInformer<? extends HasMetadata>> informers = List.of(
          client.pods().inAnyNamespace().inform(), client.apps().statefulSets().inAnyNamespace().inform(),
          client.persistentVolumeClaims().inAnyNamespace().inform(), client.services().inAnyNamespace().inform(),
          client.configMaps().inAnyNamespace().inform());
      long started = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      List<Future<?>> work = new ArrayList<>();
      for (int c = 0; c < clusters; c++) {
        int cluster = c;
        work.add(pool.submit(() -> createCluster(client, "ns-" + (cluster % NAMESPACES), "qdrant-" + cluster)));
      }
      for (Future<?> f : work) {
        f.get();
      }
      long created = System.nanoTime();
      int expectedPods = clusters * NODES;
      while (informers.get(0).getStore().list().size() < expectedPods
          || informers.get(0).getStore().list().stream().anyMatch(p -> !isRunning((Pod) p))) {
        TimeUnit.MILLISECONDS.sleep(20);
      }
      long observed = System.nanoTime();
      long listStarted = System.nanoTime();
      int listed = client.pods().inAnyNamespace().list().getItems().size();
      long listEnded = System.nanoTime();
      long selectorStarted = System.nanoTime();
      int selected = client.pods().inNamespace("ns-7").withLabel("cluster", "qdrant-7").list().getItems().size();
      long selectorEnded = System.nanoTime();
      pool.shutdown();

      RequestJournal.Snapshot counts = server.journal().snapshot();
      Runtime rt = Runtime.getRuntime();
      System.out.printf("clusters=%d objects=%d writers=%d%n", clusters, clusters * (1 + 2 + NODES * 2 + 1), writers);
      System.out.printf("create+status phase: %d ms (%.0f requests/s)%n", ms(started, created),
          counts.total() * 1000.0 / Math.max(1, ms(started, created)));
      System.out.printf("informers saw every pod Running after %d ms%n", ms(started, observed));
      System.out.printf("list of %d pods across namespaces: %d ms; label-selected list (%d pods): %d ms%n", listed,
          ms(listStarted, listEnded), selected, ms(selectorStarted, selectorEnded));
      System.out.printf("requests by verb: %s%n", counts.byVerb());
      System.out.printf("heap used: %d MB%n", (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024));
      informers.forEach(SharedIndexInformer::close);
    }
  }

  private static boolean isRunning(Pod pod) {
    return pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase());
  }

  private static long ms(long from, long to) {
    return (to - from) / 1_000_000;
  }

  private static void createCluster(KubernetesClient client, String namespace, String name) {
    client.resource(new ConfigMapBuilder().withNewMetadata().withName(name + "-config").withNamespace(namespace)
        .addToLabels("cluster", name).endMetadata().addToData("config.yaml", "storage: {}\n").build()).create();
    client.resource(new ServiceBuilder().withNewMetadata().withName(name).withNamespace(namespace)
        .addToLabels("cluster", name).endMetadata().withNewSpec().addToSelector("cluster", name).addNewPort()
        .withPort(6333).endPort().endSpec().build()).create();
    client.resource(new ServiceBuilder().withNewMetadata().withName(name + "-headless").withNamespace(namespace)
        .addToLabels("cluster", name).endMetadata().withNewSpec().withClusterIP("None").addToSelector("cluster", name)
        .addNewPort().withPort(6335).endPort().endSpec().build()).create();
    client.resource(new StatefulSetBuilder().withNewMetadata().withName(name).withNamespace(namespace)
        .addToLabels("cluster", name).endMetadata().withNewSpec().withReplicas(NODES).withServiceName(name + "-headless")
        .withNewSelector().addToMatchLabels("cluster", name).endSelector().withNewTemplate().withNewMetadata()
        .addToLabels("cluster", name).endMetadata().withNewSpec().addNewContainer().withName("qdrant")
        .withImage("qdrant/qdrant:v1.12.0").endContainer().endSpec().endTemplate().endSpec().build()).create();
    for (int i = 0; i < NODES; i++) {
      client.resource(new PersistentVolumeClaimBuilder().withNewMetadata().withName("data-" + name + "-" + i)
          .withNamespace(namespace).addToLabels("cluster", name).endMetadata().withNewSpec()
          .withAccessModes("ReadWriteOnce").withNewResources().addToRequests("storage", new Quantity("10Gi"))
          .endResources().endSpec().build()).create();
      Pod pod = client.resource(new PodBuilder().withNewMetadata().withName(name + "-" + i).withNamespace(namespace)
          .addToLabels("cluster", name).endMetadata().withNewSpec().addNewContainer().withName("qdrant")
          .withImage("qdrant/qdrant:v1.12.0").endContainer().endSpec().build()).create();
      client.resource(new PodBuilder(pod).withNewStatus().withPhase("Running").withPodIP("10.42.0." + i).endStatus()
          .build()).updateStatus();
    }
    client.apps().statefulSets().inNamespace(namespace).withName(name).editStatus(s -> new StatefulSetBuilder(s)
        .withNewStatus().withReplicas(NODES).withReadyReplicas(NODES).withCurrentReplicas(NODES).endStatus().build());
  }
}
