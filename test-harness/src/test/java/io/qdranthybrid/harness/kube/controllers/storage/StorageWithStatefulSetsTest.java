package io.qdranthybrid.harness.kube.controllers.storage;

import io.qdranthybrid.harness.kube.controllers.gc.GarbageCollector;
import io.qdranthybrid.harness.kube.controllers.SimulatedControllerTestCluster;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.harness.runtime.ContainerLaunch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The storage controller and garbage collector together with the StatefulSet controller, scheduler and kubelet. */
class StorageWithStatefulSetsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String MOUNT = "/qdrant/storage";

    private SimulatedControllerTestCluster cluster;
    private KubernetesClient client;
    private RecordingVolumeData volumeData;
    private StorageController storage;
    private GarbageCollector collector;

    @BeforeEach
    void startCluster() {
        cluster = new SimulatedControllerTestCluster();
        client = cluster.client;
        SimulatedStorageClasses.installStorageClasses(client);
        volumeData = new RecordingVolumeData();
        storage = new StorageController(client, volumeData);
        collector = GarbageCollector.forHarnessKinds(client, List.of());
        storage.start();
        collector.start();
    }

    @AfterEach
    void stopCluster() {
        collector.stop();
        storage.stop();
        cluster.close();
    }

    @Test
    void podsStartWithTheVolumeOfTheirTemplateClaimOnTheNodeTheyWereScheduledTo() {
        cluster.create(statefulSetWithStorage("db", null));

        await().atMost(TIMEOUT).until(() -> cluster.allReady("db", 2));

        for (String pod : List.of("db-0", "db-1")) {
            PersistentVolumeClaim claim = client.persistentVolumeClaims().withName("data-" + pod).get();
            assertThat(claim.getSpec().getStorageClassName()).isEqualTo(SimulatedStorageClasses.LOCAL_PATH);
            PersistentVolume volume = client.persistentVolumes().withName(claim.getSpec().getVolumeName()).get();
            assertThat(volume.getSpec().getNodeAffinity().getRequired().getNodeSelectorTerms().get(0).getMatchExpressions()
                    .get(0).getValues()).containsExactly(cluster.pod(pod).getSpec().getNodeName());
            List<ContainerLaunch> launches = cluster.runtime.launchesOf(pod);
            assertThat(launches).isNotEmpty();
            assertThat(launches.get(0).volumes()).containsEntry(MOUNT, volume.getSpec().getCsi().getVolumeHandle());
        }
    }

    @Test
    void deletingAStatefulSetDeletesItsPodsButKeepsItsClaimsAndTheirData() {
        cluster.create(statefulSetWithStorage("db", null));
        await().atMost(TIMEOUT).until(() -> cluster.allReady("db", 2));

        client.apps().statefulSets().withName("db").delete();

        await().atMost(TIMEOUT).until(() -> cluster.pod("db-0") == null && cluster.pod("db-1") == null);
        assertThat(client.persistentVolumeClaims().list().getItems())
                .extracting(c -> c.getMetadata().getName() + "=" + c.getStatus().getPhase())
                .containsExactlyInAnyOrder("data-db-0=Bound", "data-db-1=Bound");
        assertThat(volumeData.calls("deleteVolume")).isEmpty();
    }

    @Test
    void deleteRetentionPolicyRemovesTheClaimsAndTheirVolumesWithTheStatefulSet() {
        cluster.create(statefulSetWithStorage("db", "Delete"));
        await().atMost(TIMEOUT).until(() -> cluster.allReady("db", 2));
        List<String> handles = List.of("data-db-0", "data-db-1").stream()
                .map(name -> client.persistentVolumes().withName(client.persistentVolumeClaims().withName(name).get()
                        .getSpec().getVolumeName()).get().getSpec().getCsi().getVolumeHandle())
                .toList();

        client.apps().statefulSets().withName("db").delete();

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(client.persistentVolumeClaims().list().getItems()).isEmpty();
            assertThat(client.persistentVolumes().list().getItems()).isEmpty();
            assertThat(volumeData.calls("deleteVolume")).extracting(RecordingVolumeData.Call::from)
                    .containsExactlyInAnyOrderElementsOf(handles);
        });
    }

    private static StatefulSet statefulSetWithStorage(String name, String whenDeleted) {
        var builder = SimulatedControllerTestCluster.statefulSet(name, 2)
                .editSpec()
                .addToVolumeClaimTemplates(new PersistentVolumeClaimBuilder().withNewMetadata().withName("data").endMetadata()
                        .withNewSpec().withAccessModes("ReadWriteOnce")
                        .withNewResources().addToRequests("storage", new Quantity("1Gi")).endResources()
                        .endSpec().build())
                .editTemplate().editSpec().editFirstContainer()
                .addToVolumeMounts(new VolumeMountBuilder().withName("data").withMountPath(MOUNT).build())
                .endContainer().endSpec().endTemplate()
                .endSpec();
        if (whenDeleted != null) {
            builder.editSpec().withNewPersistentVolumeClaimRetentionPolicy().withWhenDeleted(whenDeleted).withWhenScaled("Retain")
                    .endPersistentVolumeClaimRetentionPolicy().endSpec();
        }
        return builder.build();
    }
}
