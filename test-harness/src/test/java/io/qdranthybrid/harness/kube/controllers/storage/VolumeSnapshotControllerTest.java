package io.qdranthybrid.harness.kube.controllers.storage;

import io.qdranthybrid.harness.kube.controllers.machinery.ControllersSettled;
import io.qdranthybrid.harness.kube.controllers.StorageTestCluster;
import io.qdranthybrid.harness.cluster.ClusterCrds;
import io.qdranthybrid.harness.cluster.QdrantCrds;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.qdranthybrid.harness.kube.controllers.storage.StorageControllerTest.NS;
import static io.qdranthybrid.harness.kube.controllers.storage.StorageControllerTest.claim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class VolumeSnapshotControllerTest {

    private static final Duration SNAPSHOT_DELAY = Duration.ofMillis(250);

    private StorageTestCluster cluster;
    private KubernetesClient client;
    private RecordingVolumeData volumeData;
    private StorageController storage;
    private VolumeSnapshotController snapshotter;

    @BeforeEach
    void startControllers() {
        cluster = new StorageTestCluster();
        client = cluster.client();
        QdrantCrds.install(client, ClusterCrds.volumeSnapshots(), Duration.ofSeconds(10));
        SimulatedStorageClasses.installStorageClasses(client);
        SimulatedStorageClasses.installSnapshotClass(client);
        volumeData = new RecordingVolumeData();
        storage = new StorageController(client, volumeData, Duration.ofMillis(50));
        snapshotter = new VolumeSnapshotController(client, volumeData, SNAPSHOT_DELAY);
        storage.start();
        snapshotter.start();
    }

    @AfterEach
    void stopControllers() {
        snapshotter.stop();
        storage.stop();
        cluster.close();
    }

    @Test
    void snapshotOfABoundClaimIsNotReadyUntilTheDriverHasCutIt() {
        String volumeHandle = boundClaimHandle("data");

        GenericKubernetesResource created = snapshots().resource(snapshot("snap", "data", SimulatedStorageClasses.CSI_SNAPSHOT_CLASS)).create();

        await().pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                assertThat(snapshotNamed("snap").<Boolean>get("status", "readyToUse")).isFalse());
        assertThat(volumeData.calls("snapshot")).isEmpty();
        GenericKubernetesResource ready = awaitReady("snap");

        String contentName = ready.get("status", "boundVolumeSnapshotContentName");
        assertThat(contentName).isEqualTo("snapcontent-" + created.getMetadata().getUid());
        assertThat(ready.<String>get("status", "restoreSize")).isEqualTo("1Gi");
        assertThat(ready.<String>get("status", "creationTime")).isNotBlank();
        GenericKubernetesResource content = contents().withName(contentName).get();
        String snapshotHandle = content.get("status", "snapshotHandle");
        assertThat(content.<String>get("spec", "driver")).isEqualTo(SimulatedStorageClasses.SIM_CSI_DRIVER);
        assertThat(content.<String>get("spec", "source", "volumeHandle")).isEqualTo(volumeHandle);
        assertThat(content.<String>get("spec", "volumeSnapshotRef", "uid")).isEqualTo(created.getMetadata().getUid());
        assertThat(volumeData.calls("snapshot")).containsExactly(new RecordingVolumeData.Call("snapshot", volumeHandle, snapshotHandle));
    }

    @Test
    void snapshotWithoutClassGetsTheDefaultClassOfItsVolumesDriver() {
        boundClaimHandle("data");

        snapshots().resource(snapshot("snap", "data", null)).create();

        GenericKubernetesResource ready = awaitReady("snap");
        assertThat(ready.<String>get("spec", "volumeSnapshotClassName")).isEqualTo(SimulatedStorageClasses.CSI_SNAPSHOT_CLASS);
    }

    @Test
    void snapshotOfAMissingClaimReportsAnErrorAndIsTakenOnceTheClaimExists() {
        snapshots().resource(snapshot("snap", "data", SimulatedStorageClasses.CSI_SNAPSHOT_CLASS)).create();

        await().untilAsserted(() -> assertThat(errorOf("snap"))
                .isEqualTo("failed to get input parameters to create snapshot snap: persistentvolumeclaim \"data\" not found"));
        assertThat(snapshotNamed("snap").<String>get("status", "error", "time")).isNotBlank();

        boundClaimHandle("data");
        awaitReady("snap");
    }

    @Test
    void snapshotOfAnUnboundClaimReportsAnError() {
        client.resource(claim("data", SimulatedStorageClasses.LOCAL_PATH, "1Gi")).create();

        snapshots().resource(snapshot("snap", "data", SimulatedStorageClasses.CSI_SNAPSHOT_CLASS)).create();

        await().untilAsserted(() -> assertThat(errorOf("snap"))
                .isEqualTo("the PVC data is not yet bound to a PV, will not attempt to take a snapshot"));
        assertThat(snapshotNamed("snap").<Boolean>get("status", "readyToUse")).isFalse();
        assertThat(eventsAbout("snap")).extracting(Event::getReason).contains("SnapshotCreationFailed");
    }

    @Test
    void snapshotOfAnUnknownClassReportsAnError() {
        boundClaimHandle("data");

        snapshots().resource(snapshot("snap", "data", "gold")).create();

        await().untilAsserted(() -> assertThat(errorOf("snap")).isEqualTo(
                "failed to get snapshot class with error volumesnapshotclasses.snapshot.storage.k8s.io \"gold\" not found"));
        assertThat(volumeData.calls("snapshot")).isEmpty();
    }

    @Test
    void snapshotWithAClassOfAnotherDriverReportsAnError() {
        boundClaimHandle("data");
        snapshotClasses().resource(new GenericKubernetesResourceBuilder(SimulatedStorageClasses.csiSnapshotClass())
                .editMetadata().withName("local-snap").withAnnotations(Map.of()).endMetadata()
                .addToAdditionalProperties("driver", SimulatedStorageClasses.LOCAL_PATH_PROVISIONER).build()).create();

        snapshots().resource(snapshot("snap", "data", "local-snap")).create();

        await().untilAsserted(() -> assertThat(errorOf("snap")).isEqualTo("VolumeSnapshotClass \"local-snap\" is for driver \""
                + SimulatedStorageClasses.LOCAL_PATH_PROVISIONER + "\", but the volume of PVC data is provisioned by driver \""
                + SimulatedStorageClasses.SIM_CSI_DRIVER + "\""));
    }

    @Test
    void deletingASnapshotWithDeletionPolicyDeleteRemovesItsContentAndData() {
        boundClaimHandle("data");
        snapshots().resource(snapshot("snap", "data", SimulatedStorageClasses.CSI_SNAPSHOT_CLASS)).create();
        String contentName = awaitReady("snap").get("status", "boundVolumeSnapshotContentName");
        String snapshotHandle = contents().withName(contentName).get().get("status", "snapshotHandle");

        snapshots().withName("snap").delete();

        await().untilAsserted(() -> {
            assertThat(contents().withName(contentName).get()).isNull();
            assertThat(volumeData.calls("deleteSnapshot")).containsExactly(new RecordingVolumeData.Call("deleteSnapshot", snapshotHandle, ""));
        });
    }

    @Test
    void deletingASnapshotWithDeletionPolicyRetainKeepsItsContent() {
        boundClaimHandle("data");
        snapshotClasses().resource(new GenericKubernetesResourceBuilder(SimulatedStorageClasses.csiSnapshotClass())
                .editMetadata().withName("keep").withAnnotations(Map.of()).endMetadata()
                .addToAdditionalProperties("deletionPolicy", "Retain").build()).create();
        snapshots().resource(snapshot("snap", "data", "keep")).create();
        String contentName = awaitReady("snap").get("status", "boundVolumeSnapshotContentName");

        snapshots().withName("snap").delete();

        ControllersSettled.await(cluster.server(), storage, snapshotter);
        assertThat(contents().withName(contentName).get()).as("the retained content").isNotNull();
        assertThat(volumeData.calls("deleteSnapshot")).isEmpty();
    }

    @Test
    void claimRestoredFromASnapshotWaitsForItAndIsSeededWithItsData() {
        boundClaimHandle("data");
        snapshots().resource(snapshot("snap", "data", SimulatedStorageClasses.CSI_SNAPSHOT_CLASS)).create();

        client.resource(restoredClaim("restored", "snap")).create();

        GenericKubernetesResource ready = awaitReady("snap");
        String snapshotHandle = contents().withName(ready.<String>get("status", "boundVolumeSnapshotContentName")).get()
                .get("status", "snapshotHandle");
        awaitClaimBound("restored");
        String restoredHandle = client.persistentVolumes().withName(claimNamed("restored").getSpec().getVolumeName()).get()
                .getSpec().getCsi().getVolumeHandle();
        assertThat(volumeData.calls()).extracting(RecordingVolumeData.Call::operation).containsSubsequence("snapshot", "restore");
        assertThat(volumeData.calls("restore")).containsExactly(new RecordingVolumeData.Call("restore", snapshotHandle, restoredHandle));
    }

    @Test
    void claimRestoredFromAMissingSnapshotStaysPendingWithAWarning() {
        client.resource(restoredClaim("restored", "ghost")).create();

        await().untilAsserted(() -> assertThat(eventsAbout("restored")).anySatisfy(event -> {
            assertThat(event.getType()).isEqualTo("Warning");
            assertThat(event.getReason()).isEqualTo("ProvisioningFailed");
            assertThat(event.getMessage()).endsWith("volumesnapshots.snapshot.storage.k8s.io \"ghost\" not found");
        }));
        assertThat(claimNamed("restored").getSpec().getVolumeName()).isNull();
        assertThat(volumeData.calls("restore")).isEmpty();
    }

    @Test
    void preProvisionedSnapshotIsBoundToItsExistingContent() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("driver", SimulatedStorageClasses.SIM_CSI_DRIVER);
        spec.put("deletionPolicy", "Retain");
        spec.put("source", Map.of("snapshotHandle", "imported-handle"));
        spec.put("volumeSnapshotRef", Map.of("namespace", NS, "name", "imported"));
        contents().resource(new GenericKubernetesResourceBuilder()
                .withApiVersion("snapshot.storage.k8s.io/v1").withKind("VolumeSnapshotContent")
                .withNewMetadata().withName("imported-content").endMetadata()
                .addToAdditionalProperties("spec", spec).build()).create();
        contents().withName("imported-content").editStatus(content -> {
            content.getAdditionalProperties().put("status", Map.of("snapshotHandle", "imported-handle",
                    "readyToUse", true, "restoreSize", 2147483648L));
            return content;
        });

        snapshots().resource(new GenericKubernetesResourceBuilder()
                .withApiVersion("snapshot.storage.k8s.io/v1").withKind("VolumeSnapshot")
                .withNewMetadata().withName("imported").withNamespace(NS).endMetadata()
                .addToAdditionalProperties("spec", Map.of("source", Map.of("volumeSnapshotContentName", "imported-content")))
                .build()).create();

        GenericKubernetesResource ready = awaitReady("imported");
        assertThat(ready.<String>get("status", "boundVolumeSnapshotContentName")).isEqualTo("imported-content");
        assertThat(new Quantity(ready.<String>get("status", "restoreSize")).getNumericalAmount())
                .isEqualByComparingTo(new Quantity("2Gi").getNumericalAmount());
        assertThat(volumeData.calls()).isEmpty();
    }

    @Test
    void pausedControllerCutsNoSnapshotUntilResumed() {
        boundClaimHandle("data");
        snapshotter.pause();

        snapshots().resource(snapshot("snap", "data", SimulatedStorageClasses.CSI_SNAPSHOT_CLASS)).create();

        // The snapshot is cut a delay after the controller first handles it; paused, it never handles it.
        ControllersSettled.awaitSeen(cluster.server(), snapshotter);
        assertThat(snapshotter.queuedKeys()).as("snapshots the paused controller holds").isPositive();
        assertThat(volumeData.calls("snapshot")).isEmpty();
        snapshotter.resume();
        awaitReady("snap");
    }

    private String boundClaimHandle(String name) {
        client.resource(claim(name, SimulatedStorageClasses.SIM_CSI, "1Gi")).create();
        awaitClaimBound(name);
        return client.persistentVolumes().withName(claimNamed(name).getSpec().getVolumeName()).get().getSpec().getCsi().getVolumeHandle();
    }

    private void awaitClaimBound(String name) {
        await().untilAsserted(() -> {
            PersistentVolumeClaim claim = claimNamed(name);
            assertThat(claim.getStatus()).isNotNull();
            assertThat(claim.getStatus().getPhase()).isEqualTo("Bound");
        });
    }

    private GenericKubernetesResource awaitReady(String name) {
        await().untilAsserted(() -> assertThat(snapshotNamed(name).<Boolean>get("status", "readyToUse")).isTrue());
        return snapshotNamed(name);
    }

    private String errorOf(String snapshot) {
        return snapshotNamed(snapshot).get("status", "error", "message");
    }

    private GenericKubernetesResource snapshotNamed(String name) {
        return snapshots().withName(name).get();
    }

    private PersistentVolumeClaim claimNamed(String name) {
        return client.persistentVolumeClaims().inNamespace(NS).withName(name).get();
    }

    private List<Event> eventsAbout(String name) {
        return client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(event -> name.equals(event.getInvolvedObject().getName()))
                .toList();
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> snapshots() {
        return client.genericKubernetesResources(SimulatedStorageClasses.VOLUME_SNAPSHOTS).inNamespace(NS);
    }

    private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> contents() {
        return client.genericKubernetesResources(SimulatedStorageClasses.VOLUME_SNAPSHOT_CONTENTS);
    }

    private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> snapshotClasses() {
        return client.genericKubernetesResources(SimulatedStorageClasses.VOLUME_SNAPSHOT_CLASSES);
    }

    private static GenericKubernetesResource snapshot(String name, String claimName, String className) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("source", Map.of("persistentVolumeClaimName", claimName));
        if (className != null) {
            spec.put("volumeSnapshotClassName", className);
        }
        return new GenericKubernetesResourceBuilder()
                .withApiVersion("snapshot.storage.k8s.io/v1").withKind("VolumeSnapshot")
                .withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .addToAdditionalProperties("spec", spec)
                .build();
    }

    private static PersistentVolumeClaim restoredClaim(String name, String snapshotName) {
        return new PersistentVolumeClaimBuilder(claim(name, SimulatedStorageClasses.SIM_CSI, "1Gi"))
                .editSpec().withNewDataSource().withApiGroup("snapshot.storage.k8s.io").withKind("VolumeSnapshot")
                .withName(snapshotName).endDataSource().endSpec()
                .build();
    }
}
