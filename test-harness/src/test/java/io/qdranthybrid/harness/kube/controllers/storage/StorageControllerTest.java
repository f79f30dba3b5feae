package io.qdranthybrid.harness.kube.controllers.storage;

import io.qdranthybrid.harness.kube.controllers.machinery.ControllersSettled;
import io.qdranthybrid.harness.kube.controllers.StorageTestCluster;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class StorageControllerTest {

    static final String NS = "qdrant-a";
    private static final Duration RESIZE_STEP = Duration.ofMillis(250);

    private StorageTestCluster cluster;
    private KubernetesClient client;
    private RecordingVolumeData volumeData;
    private StorageController controller;

    @BeforeEach
    void startController() {
        cluster = new StorageTestCluster();
        client = cluster.client();
        SimulatedStorageClasses.installStorageClasses(client);
        volumeData = new RecordingVolumeData();
        controller = new StorageController(client, volumeData, RESIZE_STEP);
        controller.start();
    }

    @AfterEach
    void stopController() {
        controller.stop();
        cluster.close();
    }

    @Test
    void claimOfAnExistingClassIsBoundToANewCsiVolumeOfTheRequestedSize() {
        PersistentVolumeClaim claim = client.resource(claim("data", SimulatedStorageClasses.SIM_CSI, "1Gi")).create();

        PersistentVolumeClaim bound = awaitBound("data");

        String volumeName = "pvc-" + claim.getMetadata().getUid();
        assertThat(bound.getSpec().getVolumeName()).isEqualTo(volumeName);
        assertThat(bound.getStatus().getCapacity()).containsEntry("storage", new Quantity("1Gi"));
        PersistentVolume volume = client.persistentVolumes().withName(volumeName).get();
        assertThat(volume.getSpec().getCsi().getDriver()).isEqualTo(SimulatedStorageClasses.SIM_CSI_DRIVER);
        assertThat(volume.getSpec().getCsi().getVolumeHandle()).isNotBlank();
        assertThat(volume.getSpec().getCapacity()).containsEntry("storage", new Quantity("1Gi"));
        assertThat(volume.getSpec().getClaimRef().getUid()).isEqualTo(claim.getMetadata().getUid());
        assertThat(volume.getSpec().getStorageClassName()).isEqualTo(SimulatedStorageClasses.SIM_CSI);
        assertThat(volume.getStatus().getPhase()).isEqualTo("Bound");
    }

    @Test
    void claimsGetDistinctVolumeHandles() {
        client.resource(claim("a", SimulatedStorageClasses.SIM_CSI, "1Gi")).create();
        client.resource(claim("b", SimulatedStorageClasses.SIM_CSI, "1Gi")).create();

        String a = handleOf(awaitBound("a"));
        String b = handleOf(awaitBound("b"));

        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void claimOfAMissingClassStaysPendingWithAWarningUntilTheClassAppears() {
        client.resource(claim("data", "gold", "1Gi")).create();

        await().untilAsserted(() -> assertThat(eventsAbout("data"))
                .anySatisfy(event -> {
                    assertThat(event.getType()).isEqualTo("Warning");
                    assertThat(event.getReason()).isEqualTo("ProvisioningFailed");
                    assertThat(event.getMessage()).isEqualTo("storageclass.storage.k8s.io \"gold\" not found");
                }));
        assertThat(client.persistentVolumeClaims().inNamespace(NS).withName("data").get().getSpec().getVolumeName()).isNull();

        client.resource(new StorageClassBuilder(SimulatedStorageClasses.simCsi()).editMetadata().withName("gold").endMetadata().build()).create();

        awaitBound("data");
    }

    @Test
    void claimWithoutClassGetsTheDefaultClassAndWaitsForAPodToBeScheduled() {
        client.resource(claim("data", null, "1Gi")).create();

        await().untilAsserted(() -> {
            assertThat(client.persistentVolumeClaims().inNamespace(NS).withName("data").get().getSpec().getStorageClassName())
                    .isEqualTo(SimulatedStorageClasses.LOCAL_PATH);
            assertThat(eventsAbout("data")).extracting(Event::getReason).contains("WaitForFirstConsumer");
        });
        client.resource(podUsing("db-0", "data", null)).create();
        ControllersSettled.await(cluster.server(), controller);
        assertThat(claimNamed("data").getSpec().getVolumeName()).as("bound before the pod is scheduled").isNull();

        client.pods().inNamespace(NS).withName("db-0").edit(p -> new PodBuilder(p).editSpec().withNodeName("node-2").endSpec().build());

        PersistentVolumeClaim bound = awaitBound("data");
        PersistentVolume volume = client.persistentVolumes().withName(bound.getSpec().getVolumeName()).get();
        assertThat(volume.getSpec().getCsi().getDriver()).isEqualTo(SimulatedStorageClasses.LOCAL_PATH_PROVISIONER);
        assertThat(volume.getSpec().getNodeAffinity().getRequired().getNodeSelectorTerms().get(0).getMatchExpressions().get(0).getValues())
                .containsExactly("node-2");
    }

    @Test
    void waitForFirstConsumerClaimIsBoundOnceTheSchedulerSelectsANode() {
        client.resource(claim("data", SimulatedStorageClasses.LOCAL_PATH, "1Gi")).create();
        await().untilAsserted(() -> assertThat(eventsAbout("data")).extracting(Event::getReason).contains("WaitForFirstConsumer"));

        client.persistentVolumeClaims().inNamespace(NS).withName("data").edit(c -> new PersistentVolumeClaimBuilder(c)
                .editMetadata().addToAnnotations(StorageController.SELECTED_NODE, "node-1").endMetadata().build());

        awaitBound("data");
    }

    @Test
    void growingAClaimOfAnExpandableClassGoesThroughResizingAndFileSystemResizePending() {
        client.resource(claim("data", SimulatedStorageClasses.SIM_CSI, "1Gi")).create();
        String volumeName = awaitBound("data").getSpec().getVolumeName();

        resize("data", "2Gi");

        await().pollInterval(Duration.ofMillis(20)).untilAsserted(() -> assertThat(conditionsOf("data")).containsExactly("Resizing"));
        await().pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            assertThat(conditionsOf("data")).containsExactly("FileSystemResizePending");
            assertThat(client.persistentVolumes().withName(volumeName).get().getSpec().getCapacity())
                    .containsEntry("storage", new Quantity("2Gi"));
            assertThat(claimNamed("data").getStatus().getCapacity()).containsEntry("storage", new Quantity("1Gi"));
        });
        await().untilAsserted(() -> {
            assertThat(claimNamed("data").getStatus().getCapacity()).containsEntry("storage", new Quantity("2Gi"));
            assertThat(conditionsOf("data")).isEmpty();
        });
    }

    @Test
    void anOfflineOnlyDriverRefusesToGrowAVolumeInUseAndGrowsItOnceThePodIsGone() {
        client.resource(SimulatedStorageClasses.simCsi(SimulatedStorageClasses.SIM_CSI_OFFLINE,
                SimulatedStorageClasses.VolumeExpansion.OFFLINE)).create();
        client.resource(claim("data", SimulatedStorageClasses.SIM_CSI_OFFLINE, "1Gi")).create();
        String volumeName = awaitBound("data").getSpec().getVolumeName();
        client.resource(podUsing("db-0", "data", "node-1")).create();

        resize("data", "2Gi");

        await().untilAsserted(() -> {
            assertThat(conditionsOf("data")).contains("ControllerResizeError");
            assertThat(eventsAbout("data")).anySatisfy(event -> {
                assertThat(event.getType()).isEqualTo("Warning");
                assertThat(event.getReason()).isEqualTo("VolumeResizeFailed");
                assertThat(event.getMessage()).contains("FailedPrecondition", "only supports offline expansion");
            });
        });
        ControllersSettled.await(cluster.server(), controller);
        assertThat(client.persistentVolumes().withName(volumeName).get().getSpec().getCapacity())
                .as("the volume in use is not grown").containsEntry("storage", new Quantity("1Gi"));

        client.pods().inNamespace(NS).withName("db-0").delete();

        await().untilAsserted(() -> {
            assertThat(conditionsOf("data")).containsExactly("FileSystemResizePending");
            assertThat(client.persistentVolumes().withName(volumeName).get().getSpec().getCapacity())
                    .containsEntry("storage", new Quantity("2Gi"));
        });
        ControllersSettled.await(cluster.server(), controller);
        assertThat(claimNamed("data").getStatus().getCapacity()).as("the file system grows when a pod mounts it")
                .containsEntry("storage", new Quantity("1Gi"));

        client.resource(podUsing("db-0", "data", "node-1")).create();

        await().untilAsserted(() -> {
            assertThat(claimNamed("data").getStatus().getCapacity()).containsEntry("storage", new Quantity("2Gi"));
            assertThat(conditionsOf("data")).isEmpty();
        });
    }

    @Test
    void anOnlineDriverGrowsAVolumeInUse() {
        client.resource(claim("data", SimulatedStorageClasses.SIM_CSI, "1Gi")).create();
        awaitBound("data");
        client.resource(podUsing("db-0", "data", "node-1")).create();

        resize("data", "2Gi");

        await().untilAsserted(() -> {
            assertThat(claimNamed("data").getStatus().getCapacity()).containsEntry("storage", new Quantity("2Gi"));
            assertThat(conditionsOf("data")).isEmpty();
        });
    }

    @Test
    void growingAClaimOfAClassWithoutExpansionChangesNothingAndWarns() {
        // fabric8's mock has no admission; a real API server would refuse the update (see PvcResizeAdmissionTest).
        client.resource(claim("data", SimulatedStorageClasses.LOCAL_PATH, "1Gi")).create();
        client.persistentVolumeClaims().inNamespace(NS).withName("data").edit(c -> new PersistentVolumeClaimBuilder(c)
                .editMetadata().addToAnnotations(StorageController.SELECTED_NODE, "node-1").endMetadata().build());
        awaitBound("data");

        resize("data", "2Gi");

        await().untilAsserted(() -> assertThat(eventsAbout("data")).extracting(Event::getReason).contains("ExternalExpanding"));
        assertThat(claimNamed("data").getStatus().getCapacity()).containsEntry("storage", new Quantity("1Gi"));
        assertThat(conditionsOf("data")).isEmpty();
    }

    @Test
    void deletingAClaimWithReclaimPolicyDeleteRemovesItsVolumeAndData() {
        client.resource(claim("data", SimulatedStorageClasses.SIM_CSI, "1Gi")).create();
        PersistentVolumeClaim bound = awaitBound("data");
        String handle = handleOf(bound);

        client.resource(bound).delete();

        await().untilAsserted(() -> {
            assertThat(client.persistentVolumes().withName(bound.getSpec().getVolumeName()).get()).isNull();
            assertThat(volumeData.calls("deleteVolume")).containsExactly(new RecordingVolumeData.Call("deleteVolume", handle, ""));
        });
    }

    @Test
    void deletingAClaimWithReclaimPolicyRetainLeavesItsVolumeReleased() {
        client.resource(new StorageClassBuilder(SimulatedStorageClasses.simCsi()).editMetadata().withName("keep").endMetadata()
                .withReclaimPolicy("Retain").build()).create();
        client.resource(claim("data", "keep", "1Gi")).create();
        PersistentVolumeClaim bound = awaitBound("data");

        client.resource(bound).delete();

        await().untilAsserted(() -> assertThat(client.persistentVolumes().withName(bound.getSpec().getVolumeName()).get()
                .getStatus().getPhase()).isEqualTo("Released"));
        assertThat(volumeData.calls("deleteVolume")).isEmpty();
    }

    @Test
    void claimInUseByAPodStaysTerminatingUntilThePodIsGone() {
        client.resource(new PersistentVolumeClaimBuilder(claim("data", SimulatedStorageClasses.SIM_CSI, "1Gi"))
                .editMetadata().addToFinalizers(StorageController.PVC_PROTECTION).endMetadata().build()).create();
        PersistentVolumeClaim bound = awaitBound("data");
        client.resource(podUsing("db-0", "data", "node-1")).create();

        client.resource(bound).delete();

        ControllersSettled.await(cluster.server(), controller);
        assertThat(claimNamed("data")).as("the claim a pod still uses").isNotNull();
        assertThat(claimNamed("data").getMetadata().getDeletionTimestamp()).isNotNull();
        client.pods().inNamespace(NS).withName("db-0").delete();
        await().untilAsserted(() -> {
            assertThat(claimNamed("data")).isNull();
            assertThat(client.persistentVolumes().withName(bound.getSpec().getVolumeName()).get()).isNull();
        });
    }

    @Test
    void pausedControllerBindsNothingUntilResumed() {
        controller.pause();
        client.resource(claim("data", SimulatedStorageClasses.SIM_CSI, "1Gi")).create();

        ControllersSettled.awaitSeen(cluster.server(), controller);
        assertThat(controller.queuedKeys()).as("claims the paused controller holds").isPositive();
        assertThat(claimNamed("data").getSpec().getVolumeName()).isNull();
        assertThat(client.persistentVolumes().list().getItems()).isEmpty();

        controller.resume();
        awaitBound("data");
    }

    static PersistentVolumeClaim claim(String name, String storageClass, String size) {
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().withStorageClassName(storageClass).withAccessModes("ReadWriteOnce")
                .withNewResources().addToRequests("storage", new Quantity(size)).endResources()
                .endSpec()
                .build();
    }

    static Pod podUsing(String name, String claimName, String nodeName) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().withNodeName(nodeName)
                .addNewContainer().withName("qdrant").withImage("qdrant/qdrant:v1.12.3").endContainer()
                .addNewVolume().withName("storage").withNewPersistentVolumeClaim().withClaimName(claimName).endPersistentVolumeClaim().endVolume()
                .endSpec().build();
    }

    private PersistentVolumeClaim awaitBound(String name) {
        await().untilAsserted(() -> {
            PersistentVolumeClaim claim = claimNamed(name);
            assertThat(claim.getStatus()).isNotNull();
            assertThat(claim.getStatus().getPhase()).isEqualTo("Bound");
        });
        return claimNamed(name);
    }

    private PersistentVolumeClaim claimNamed(String name) {
        return client.persistentVolumeClaims().inNamespace(NS).withName(name).get();
    }

    private void resize(String name, String size) {
        client.persistentVolumeClaims().inNamespace(NS).withName(name).edit(c -> new PersistentVolumeClaimBuilder(c)
                .editSpec().editResources().addToRequests("storage", new Quantity(size)).endResources().endSpec().build());
    }

    private List<String> conditionsOf(String name) {
        return claimNamed(name).getStatus().getConditions().stream().map(PersistentVolumeClaimCondition::getType).toList();
    }

    private String handleOf(PersistentVolumeClaim bound) {
        return client.persistentVolumes().withName(bound.getSpec().getVolumeName()).get().getSpec().getCsi().getVolumeHandle();
    }

    private List<Event> eventsAbout(String name) {
        return client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(event -> name.equals(event.getInvolvedObject().getName()))
                .toList();
    }
}
