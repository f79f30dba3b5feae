package io.qdranthybrid.operator;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.StorageClassNames;
import io.qdranthybrid.harness.kube.controllers.storage.SimulatedStorageClasses;
import io.qdranthybrid.operator.cluster.ClusterLifecycle;
import io.qdranthybrid.operator.cluster.OperatorDefaults;
import io.qdranthybrid.operator.cluster.VolumeExpansionMode;
import io.qdranthybrid.reconcile.Conditions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Growing volumes on a storage class whose CSI driver only grows volumes no pod uses (like Azure disks): Offline
 * mode grows them one node at a time while replicated data stays served; Online mode says to switch to Offline.
 */
class VolumeExpansionOnSimulatedClusterTest extends OnSimulatedCluster {

    @Override
    String namespacePrefix() {
        return "volumes";
    }

    @BeforeEach
    void offlineOnlyStorageClass() {
        cluster.client().resource(SimulatedStorageClasses.simCsi(SimulatedStorageClasses.SIM_CSI_OFFLINE,
                SimulatedStorageClasses.VolumeExpansion.OFFLINE)).createOr(NonDeletingOperation::update);
    }

    @Test
    void offlineModeGrowsOneNodeAtATimeWhileReplicatedDataStaysServed() {
        harness.stopOperator();
        harness.startOperator(new io.qdranthybrid.reconcile.ReconcileMetrics() { },
                OperatorDefaults.hybrid().withVolumeExpansionMode(VolumeExpansionMode.OFFLINE));
        createOnOfflineOnlyClass("offline");
        cluster.qdrant().cluster(harness.namespace, "offline").seedCollection("docs", 3, 2, 3_000);
        PodsDownTracker tracker = new PodsDownTracker();
        Set<String> progress = ConcurrentHashMap.newKeySet();

        try (SharedIndexInformer<Pod> informer = cluster.client().pods().inNamespace(harness.namespace)
                .withLabel("cluster-id", "offline").inform(tracker)) {
            harness.edit("offline", qc -> qc.getSpec().getResources().setStorage("30Gi"));

            await().atMost(CONVERGE.multipliedBy(2)).untilAsserted(() -> {
                progressing("offline").filter(c -> "True".equals(c.getStatus()))
                        .ifPresent(c -> progress.add(c.getReason() + ": " + c.getMessage()));
                assertThat(claims("offline")).hasSize(6).allSatisfy(pvc -> assertThat(pvc.getStatus().getCapacity()
                        .get("storage").toString()).as(pvc.getMetadata().getName()).isEqualTo("30Gi"));
            });
            harness.awaitPhase("offline", ClusterPhase.HEALTHY, CONVERGE);
        }

        assertThat(tracker.maxDown()).as("pods down at the same time").isEqualTo(1);
        cluster.qdrant().cluster(harness.namespace, "offline").assertNoDataLost();
        // Later steps reword the message, which status pacing may hold back for seconds: the first one is certain.
        assertThat(progress).as("the status said which mode and which node")
                .anySatisfy(p -> assertThat(p).startsWith("ExpandingVolumesOffline: growing volumes to 30Gi offline")
                        .contains("volumeExpansionMode: Offline").contains("node 0 of 3"));
        assertThat(cluster.client().apps().statefulSets().inNamespace(harness.namespace).withName("qdrant-offline").get()
                .getSpec().getVolumeClaimTemplates().get(0).getSpec().getResources().getRequests().get("storage")
                .toString()).isEqualTo("30Gi");
    }

    @Test
    void onlineModeOnAnOfflineOnlyClassSaysToSwitchToOfflineAndOfflineThenGrowsThem() {
        createOnOfflineOnlyClass("online");

        harness.edit("online", qc -> qc.getSpec().getResources().setStorage("30Gi"));

        await().atMost(CONVERGE).untilAsserted(() -> assertThat(Conditions.find(harness.get("online").getStatus()
                .getConditions(), ClusterLifecycle.CONDITION_STORAGE)).hasValueSatisfying(c -> {
                    assertThat(c.getStatus()).isEqualTo("False");
                    assertThat(c.getReason()).isEqualTo(ClusterLifecycle.OFFLINE_EXPANSION_ONLY);
                    assertThat(c.getMessage()).contains("qdrant-storage-qdrant-online-0")
                            .contains("the storage class only supports offline expansion: set volumeExpansionMode: Offline")
                            .contains("FailedPrecondition");
                }));
        assertThat(claims("online")).allSatisfy(pvc -> assertThat(pvc.getStatus().getCapacity().get("storage")
                .toString()).isEqualTo("10Gi"));

        harness.stopOperator();
        harness.startOperator(new io.qdranthybrid.reconcile.ReconcileMetrics() { },
                OperatorDefaults.hybrid().withVolumeExpansionMode(VolumeExpansionMode.OFFLINE));

        await().atMost(CONVERGE.multipliedBy(2)).untilAsserted(() -> assertThat(claims("online")).hasSize(4)
                .allSatisfy(pvc -> assertThat(pvc.getStatus().getCapacity().get("storage").toString()).isEqualTo("30Gi")));
        harness.awaitPhase("online", ClusterPhase.HEALTHY, CONVERGE);
        assertThat(Conditions.find(harness.get("online").getStatus().getConditions(), ClusterLifecycle.CONDITION_STORAGE))
                .isEmpty();
    }

    /** A cluster whose database and snapshot volumes are on the offline-only class, Healthy at 10Gi. */
    private void createOnOfflineOnlyClass(String id) {
        harness.create(id, "offline".equals(id) ? 3 : 2, "v1.12.3", spec -> {
            spec.setStorageClassNames(new StorageClassNames());
            spec.getStorageClassNames().setDb(SimulatedStorageClasses.SIM_CSI_OFFLINE);
            spec.getStorageClassNames().setSnapshots(SimulatedStorageClasses.SIM_CSI_OFFLINE);
        });
        harness.awaitPhase(id, ClusterPhase.HEALTHY, CONVERGE);
    }

    private java.util.Optional<Condition> progressing(String id) {
        var status = harness.get(id).getStatus();
        return status == null ? java.util.Optional.empty()
                : Conditions.find(status.getConditions(), ClusterLifecycle.CONDITION_PROGRESSING);
    }

    private List<io.fabric8.kubernetes.api.model.PersistentVolumeClaim> claims(String id) {
        return cluster.client().persistentVolumeClaims().inNamespace(harness.namespace).withLabel("cluster-id", id)
                .list().getItems();
    }
}
