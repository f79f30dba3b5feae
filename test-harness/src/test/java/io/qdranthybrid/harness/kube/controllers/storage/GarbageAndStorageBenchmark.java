package io.qdranthybrid.harness.kube.controllers.storage;

import io.qdranthybrid.harness.kube.controllers.gc.GarbageCollector;
import io.qdranthybrid.harness.kube.controllers.StorageTestCluster;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.qdranthybrid.harness.kube.SimulatedApiServer;
import io.qdranthybrid.harness.runtime.VolumeData;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Load figures for the garbage collector and the storage controllers on a {@link SimulatedApiServer}:
 * N Qdrant clusters, each a QdrantCluster owning a StatefulSet (owning 3 pods), 2 services and a
 * ConfigMap, plus 6 PVCs from volume claim templates (no owner). Prints, per phase, the wall time and
 * the process CPU time: binding all PVCs, snapshotting one PVC per cluster, cascading the deletion
 * of every QdrantCluster, reclaiming every volume.
 * Run: {@code java -cp <test classpath> io.qdranthybrid.harness.kube.controllers.storage.GarbageAndStorageBenchmark [clusters]}.
 */
public final class GarbageAndStorageBenchmark {

    private static final int PODS = 3;
    private static final int CLAIMS = 6;
    private static final int NAMESPACES = 50;
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private GarbageAndStorageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int clusters = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        try (SimulatedApiServer server = SimulatedApiServer.start();
             KubernetesClient client = server.newClient("default")) {
            SimulatedStorageClasses.installStorageClasses(client);
            SimulatedStorageClasses.installSnapshotClass(client);
            try (StorageController storage = new StorageController(client, VolumeData.NONE);
                 VolumeSnapshotController snapshots = new VolumeSnapshotController(client, VolumeData.NONE, Duration.ZERO);
                 GarbageCollector collector = GarbageCollector.forHarnessKinds(client, List.of(StorageTestCluster.QDRANT_CLUSTER))) {
                storage.start();
                snapshots.start();
                collector.start();
                SharedIndexInformer<PersistentVolumeClaim> claims = client.persistentVolumeClaims().inAnyNamespace().inform();
                var volumes = client.persistentVolumes().inform();
                var pods = client.pods().inAnyNamespace().inform();
                var snapshotInformer = client.genericKubernetesResources(SimulatedStorageClasses.VOLUME_SNAPSHOTS).inAnyNamespace().inform();
                System.out.printf("%d clusters: %d pods, %d PVCs, %d other objects%n", clusters, clusters * PODS,
                        clusters * CLAIMS, clusters * 5);

                Phase phase = Phase.start("create the objects (storage controller paused)");
                storage.pause();
                parallel(clusters, c -> createCluster(client, c));
                phase.print();

                phase = Phase.start("bind every PVC");
                storage.resume();
                waitFor(() -> claims.getStore().list().stream().filter(GarbageAndStorageBenchmark::bound).count() == (long) clusters * CLAIMS);
                phase.print();

                phase = Phase.start("snapshot one PVC per cluster");
                parallel(clusters, c -> client.genericKubernetesResources(SimulatedStorageClasses.VOLUME_SNAPSHOTS)
                        .inNamespace(namespace(c)).resource(snapshot(c)).create());
                waitFor(() -> snapshotInformer.getStore().list().stream()
                        .filter(s -> Boolean.TRUE.equals(s.get("status", "readyToUse"))).count() == clusters);
                phase.print();

                phase = Phase.start("delete every QdrantCluster, garbage-collect its objects");
                parallel(clusters, c -> client.genericKubernetesResources(StorageTestCluster.QDRANT_CLUSTER.context())
                        .inNamespace(namespace(c)).withName(name(c)).delete());
                waitFor(() -> pods.getStore().list().isEmpty()
                        && client.apps().statefulSets().inAnyNamespace().list().getItems().isEmpty()
                        && client.services().inAnyNamespace().list().getItems().isEmpty());
                phase.print();

                phase = Phase.start("delete every PVC, reclaim its volume");
                parallel(clusters, c -> {
                    for (int i = 0; i < CLAIMS; i++) {
                        client.persistentVolumeClaims().inNamespace(namespace(c)).withName("storage-" + name(c) + "-" + i).delete();
                    }
                });
                waitFor(() -> volumes.getStore().list().isEmpty());
                phase.print();
            }
        }
    }

    private record Phase(String name, long wallStart, long cpuStart) {
        static Phase start(String name) {
            return new Phase(name, System.nanoTime(), cpu());
        }

        void print() {
            System.out.printf("%-55s wall %6d ms  cpu %6d ms%n", name, (System.nanoTime() - wallStart) / 1_000_000,
                    (cpu() - cpuStart) / 1_000_000);
        }

        private static long cpu() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        }
    }

    private static void createCluster(KubernetesClient client, int c) {
        String ns = namespace(c);
        String name = name(c);
        GenericKubernetesResource qdrant = client.genericKubernetesResources(StorageTestCluster.QDRANT_CLUSTER.context())
                .inNamespace(ns).resource(new GenericKubernetesResourceBuilder()
                        .withApiVersion("qdrant.io/v1").withKind("QdrantCluster")
                        .withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                        .addToAdditionalProperties("spec", Map.of("size", PODS)).build())
                .create();
        OwnerReference byQdrant = owner(qdrant);
        StatefulSet sts = client.resource(new StatefulSetBuilder().withNewMetadata().withName(name).withNamespace(ns)
                .withOwnerReferences(byQdrant).endMetadata().withNewSpec().withReplicas(0).withServiceName(name + "-headless")
                .endSpec().build()).create();
        for (String service : List.of(name, name + "-headless")) {
            client.resource(new ServiceBuilder().withNewMetadata().withName(service).withNamespace(ns)
                    .withOwnerReferences(byQdrant).endMetadata().withNewSpec().addNewPort().withPort(6333).endPort().endSpec().build()).create();
        }
        client.resource(new ConfigMapBuilder().withNewMetadata().withName(name + "-config").withNamespace(ns)
                .withOwnerReferences(byQdrant).endMetadata().addToData("config.yaml", "storage: {}").build()).create();
        for (int i = 0; i < CLAIMS; i++) {
            client.resource(StorageControllerTest.claim("storage-" + name + "-" + i, SimulatedStorageClasses.SIM_CSI, "1Gi"))
                    .inNamespace(ns).create();
        }
        for (int i = 0; i < PODS; i++) {
            client.resource(new PodBuilder().withNewMetadata().withName(name + "-" + i).withNamespace(ns)
                    .withOwnerReferences(owner(sts)).endMetadata().withNewSpec().addNewContainer().withName("qdrant")
                    .withImage("qdrant/qdrant:v1.12.3").endContainer().endSpec().build()).create();
        }
    }

    private static GenericKubernetesResource snapshot(int c) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion("snapshot.storage.k8s.io/v1").withKind("VolumeSnapshot")
                .withNewMetadata().withName(name(c) + "-snap").withNamespace(namespace(c)).endMetadata()
                .addToAdditionalProperties("spec", Map.of("source", Map.of("persistentVolumeClaimName", "storage-" + name(c) + "-0")))
                .build();
    }

    private static OwnerReference owner(HasMetadata owner) {
        return new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
    }

    private static boolean bound(PersistentVolumeClaim claim) {
        return claim.getStatus() != null && "Bound".equals(claim.getStatus().getPhase());
    }

    private static String namespace(int c) {
        return "ns-" + (c % NAMESPACES);
    }

    private static String name(int c) {
        return "qdrant-" + c;
    }

    private interface ClusterWork {
        void run(int cluster) throws Exception;
    }

    private static void parallel(int clusters, ClusterWork work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clusters; c++) {
                int cluster = c;
                futures.add(pool.submit(() -> {
                    work.run(cluster);
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static void waitFor(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not done within " + TIMEOUT);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }
}
