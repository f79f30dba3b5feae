package io.qdranthybrid.harness.kube.controllers.storage;

import io.qdranthybrid.harness.kube.controllers.StorageTestCluster;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.qdranthybrid.harness.runtime.VolumeData;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static io.qdranthybrid.harness.kube.controllers.storage.StorageControllerTest.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class PvcResizeAdmissionTest {

    private static final Map<String, StorageClass> CLASSES = Map.of(
            SimulatedStorageClasses.LOCAL_PATH, SimulatedStorageClasses.localPath(),
            SimulatedStorageClasses.SIM_CSI, SimulatedStorageClasses.simCsi());
    private static final Function<String, StorageClass> LOOKUP = CLASSES::get;

    private final PvcResizeAdmission admission = new PvcResizeAdmission();

    @Test
    void shrinkingABoundClaimIsRefusedAsInvalid() {
        Optional<PvcResizeAdmission.Refusal> refusal =
                admission.check(bound(SimulatedStorageClasses.SIM_CSI, "2Gi"), resized(bound(SimulatedStorageClasses.SIM_CSI, "2Gi"), "1Gi"), LOOKUP);

        assertThat(refusal).contains(new PvcResizeAdmission.Refusal(PvcResizeAdmission.Stage.VALIDATION,
                "spec.resources.requests.storage: Forbidden: field can not be less than previous value"));
    }

    @Test
    void growingAClaimOfAClassWithoutVolumeExpansionIsForbidden() {
        PersistentVolumeClaim old = bound(SimulatedStorageClasses.LOCAL_PATH, "1Gi");

        assertThat(admission.check(old, resized(old, "2Gi"), LOOKUP)).contains(new PvcResizeAdmission.Refusal(
                PvcResizeAdmission.Stage.ADMISSION,
                "only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize"));
    }

    @Test
    void growingAClaimOfAMissingClassIsForbidden() {
        PersistentVolumeClaim old = bound("gone", "1Gi");

        assertThat(admission.review(old, resized(old, "2Gi"), LOOKUP)).contains(PvcResizeAdmission.CLASS_CANNOT_EXPAND);
    }

    @Test
    void growingAClaimOfAnExpandableClassIsAllowed() {
        PersistentVolumeClaim old = bound(SimulatedStorageClasses.SIM_CSI, "1Gi");

        assertThat(admission.review(old, resized(old, "1536Mi"), LOOKUP)).isEmpty();
    }

    @Test
    void resizingAnUnboundClaimIsRefusedBecauseItsSpecIsImmutable() {
        PersistentVolumeClaim old = new PersistentVolumeClaimBuilder(bound(SimulatedStorageClasses.SIM_CSI, "1Gi"))
                .withNewStatus().withPhase("Pending").endStatus().build();

        assertThat(admission.review(old, resized(old, "2Gi"), LOOKUP)).contains(PvcResizeAdmission.UNBOUND_IMMUTABLE);
    }

    @Test
    void updatesThatKeepTheSizeAreAllowedWhateverTheClass() {
        PersistentVolumeClaim old = bound(SimulatedStorageClasses.LOCAL_PATH, "1Gi");
        PersistentVolumeClaim relabelled = new PersistentVolumeClaimBuilder(resized(old, "1024Mi"))
                .editMetadata().addToLabels("team", "search").endMetadata().build();

        assertThat(admission.review(old, relabelled, LOOKUP)).isEmpty();
    }

    /** The same rules installed in the simulated API server, as a user of kubectl would meet them. */
    @Nested
    class InTheSimulatedApiServer {

        @Test
        void apiServerRefusesShrinkAndNonExpandableGrowthButExpandsAllowedGrowth() {
            try (StorageTestCluster cluster = new StorageTestCluster();
                 StorageController storage = new StorageController(cluster.client(), VolumeData.NONE, Duration.ofMillis(50))) {
                KubernetesClient client = cluster.client();
                SimulatedStorageClasses.installStorageClasses(client);
                storage.start();
                admission.registerWith(cluster.server().admission(), name -> storage.storageClass(name).orElse(null));
                client.resource(StorageControllerTest.claim("fast", SimulatedStorageClasses.SIM_CSI, "1Gi")).create();
                client.resource(new PersistentVolumeClaimBuilder(StorageControllerTest.claim("local", SimulatedStorageClasses.LOCAL_PATH, "1Gi"))
                        .editMetadata().addToAnnotations(StorageController.SELECTED_NODE, "node-1").endMetadata().build()).create();
                awaitBound(client, "fast");
                awaitBound(client, "local");

                assertThatThrownBy(() -> resize(client, "fast", "512Mi"))
                        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                            assertThat(e.getCode()).isEqualTo(422);
                            assertThat(e.getStatus().getMessage()).isEqualTo("PersistentVolumeClaim \"fast\" is invalid: "
                                    + "spec.resources.requests.storage: Forbidden: field can not be less than previous value");
                        });
                assertThatThrownBy(() -> resize(client, "local", "2Gi"))
                        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                            assertThat(e.getCode()).isEqualTo(403);
                            assertThat(e.getStatus().getMessage()).isEqualTo("persistentvolumeclaims \"local\" is forbidden: "
                                    + "only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize");
                        });
                resize(client, "fast", "2Gi");
                await().untilAsserted(() -> assertThat(client.persistentVolumeClaims().inNamespace(NS).withName("fast").get()
                        .getStatus().getCapacity()).containsEntry("storage", new Quantity("2Gi")));
            }
        }

        private void awaitBound(KubernetesClient client, String name) {
            await().untilAsserted(() -> {
                PersistentVolumeClaim claim = client.persistentVolumeClaims().inNamespace(NS).withName(name).get();
                assertThat(claim.getStatus()).isNotNull();
                assertThat(claim.getStatus().getPhase()).isEqualTo("Bound");
            });
        }

        private void resize(KubernetesClient client, String name, String size) {
            client.persistentVolumeClaims().inNamespace(NS).withName(name).edit(c -> resized(c, size));
        }
    }

    private static PersistentVolumeClaim bound(String storageClass, String size) {
        return new PersistentVolumeClaimBuilder(StorageControllerTest.claim("data", storageClass, size))
                .withNewStatus().withPhase("Bound").addToCapacity("storage", new Quantity(size)).endStatus()
                .build();
    }

    private static PersistentVolumeClaim resized(PersistentVolumeClaim claim, String size) {
        return new PersistentVolumeClaimBuilder(claim)
                .editSpec().editResources().addToRequests("storage", new Quantity(size)).endResources().endSpec()
                .build();
    }
}
