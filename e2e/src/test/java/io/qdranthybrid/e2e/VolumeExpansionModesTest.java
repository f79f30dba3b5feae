package io.qdranthybrid.e2e;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.harness.controlplane.NewCluster;
import io.qdranthybrid.harness.controlplane.SimulatedControlPlane;
import io.qdranthybrid.harness.junit.HybridCloudTest;
import io.qdranthybrid.harness.kube.controllers.storage.SimulatedStorageClasses;
import io.qdranthybrid.harness.qdrant.SimulatedQdrantCluster;
import io.qdranthybrid.harness.stack.HybridEnvironment;
import io.qdranthybrid.harness.stack.NamespaceTeardown;
import io.qdranthybrid.harness.stack.StackCluster;
import io.qdranthybrid.harness.stack.StackSettings;
import io.qdranthybrid.harness.timeline.Timeline;
import io.qdranthybrid.operator.cluster.OperatorDefaults;
import io.qdranthybrid.operator.cluster.VolumeExpansionMode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Growing a cluster's disks through the control plane: Online under running pods where the storage driver can, and
 * Offline, one node at a time, on a driver that only grows volumes no pod uses, with replicated data served throughout.
 */
@HybridCloudTest(onboard = false)
class VolumeExpansionModesTest {

    private static final long POINTS = 3_000;

    @Test
    void onlineModeGrowsTheDisksUnderTheRunningPods(HybridEnvironment env) {
        env.onboard();
        env.awaitReady(Waits.CONVERGE);
        env.createCluster(NewCluster.of("online", 3, "v1.12.3"));
        env.awaitCluster("online", ClusterPhase.HEALTHY, Waits.CONVERGE);
        Set<String> podsBefore = podUids(env, "online");

        env.controlPlane().clusters().changeResources(env.id(), "online", null, null, "20Gi");

        awaitDatabaseVolumes(env, "online", 3, "20Gi");
        env.awaitCluster("online", ClusterPhase.HEALTHY, Waits.CONVERGE);
        assertThat(podUids(env, "online")).as("no pod was restarted").isEqualTo(podsBefore);
    }

    @Test
    void offlineModeGrowsOneNodeAtATimeWhileReplicatedDataIsServed(SimulatedControlPlane controlPlane,
            StackCluster cluster, SimulatedCluster simulated, Timeline timeline) {
        simulated.client().resource(SimulatedStorageClasses.simCsi(SimulatedStorageClasses.SIM_CSI_OFFLINE,
                SimulatedStorageClasses.VolumeExpansion.OFFLINE)).createOr(NonDeletingOperation::update);
        StackSettings offline = cluster.defaultSettings().withOperatorDefaults(OperatorDefaults.hybrid()
                .withStorageClasses(SimulatedStorageClasses.SIM_CSI_OFFLINE, SimulatedStorageClasses.SIM_CSI_OFFLINE)
                .withVolumeExpansionMode(VolumeExpansionMode.OFFLINE));
        String namespace = cluster.cluster().createNamespace("offline-volumes");
        try (HybridEnvironment env = HybridEnvironment.create(controlPlane, cluster, namespace, namespace, offline,
                timeline)) {
            env.onboard();
            env.awaitReady(Waits.CONVERGE);
            env.createCluster(NewCluster.of("azure", 3, "v1.12.3"));
            env.awaitCluster("azure", ClusterPhase.HEALTHY, Waits.CONVERGE);
            SimulatedQdrantCluster qdrant = env.qdrant("azure");
            qdrant.seedCollection("docs", 3, 2, POINTS);
            Set<String> podsBefore = podUids(env, "azure");
            timeline.mark("seeded docs: 3 shards at replication factor 2");

            try (Sampler<Set<Integer>> unserved = Sampler.every(Duration.ofMillis(20),
                    "shards of docs without a live replica", () -> LiveReplicas.shardsWithoutOne(qdrant, "docs"),
                    timeline);
                 Sampler<Integer> notReady = Sampler.every(Duration.ofMillis(20), "pods not ready",
                    () -> 3 - ClusterInKubernetes.of(env, "azure").readyPods().size(), timeline)) {
                env.controlPlane().clusters().changeResources(env.id(), "azure", null, null, "20Gi");

                awaitDatabaseVolumes(env, "azure", 3, "20Gi");
                env.awaitCluster("azure", ClusterPhase.HEALTHY, Waits.CONVERGE);

                assertThat(unserved.changes()).as("shards without a live replica, as sampled throughout")
                        .containsExactly(Set.of());
                assertThat(notReady.changes()).as("pods not ready, as sampled throughout").allMatch(n -> n <= 1)
                        .contains(1);
            }
            assertThat(podUids(env, "azure")).as("every node was stopped for its disks to grow")
                    .doesNotContainAnyElementsOf(podsBefore).hasSize(3);
            assertThat(LiveReplicas.points(qdrant, "docs")).isEqualTo(POINTS);
            qdrant.assertNoDataLost();
        } finally {
            NamespaceTeardown.deleteEverything(cluster.cluster(), namespace, Waits.CONVERGE);
        }
    }

    private static void awaitDatabaseVolumes(HybridEnvironment env, String clusterId, int count, String size) {
        await().atMost(Waits.CONVERGE).pollInterval(Waits.POLL).untilAsserted(() -> assertThat(databaseClaims(env, clusterId))
                .hasSize(count).allSatisfy(pvc -> assertThat(pvc.getStatus().getCapacity().get("storage").toString())
                        .as(pvc.getMetadata().getName()).isEqualTo(size)));
    }

    private static List<PersistentVolumeClaim> databaseClaims(HybridEnvironment env, String clusterId) {
        return env.client().persistentVolumeClaims().inNamespace(env.namespace()).list().getItems().stream()
                .filter(pvc -> pvc.getMetadata().getName().startsWith("qdrant-storage-qdrant-" + clusterId + "-"))
                .toList();
    }

    private static Set<String> podUids(HybridEnvironment env, String clusterId) {
        return ClusterInKubernetes.of(env, clusterId).pods().stream().map(p -> p.getMetadata().getUid())
                .collect(Collectors.toSet());
    }
}
