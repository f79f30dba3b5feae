package io.qdranthybrid.operator;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.Pause;
import io.qdranthybrid.crd.QdrantApi;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.harness.qdrant.SimulatedQdrantCluster;
import io.qdranthybrid.operator.cluster.ClusterLifecycle;
import io.qdranthybrid.reconcile.Conditions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What a user does to a running cluster, end to end on the simulated cluster, with data in it. */
class ClusterOperationsTest extends OnSimulatedCluster {

    @Override
    String namespacePrefix() {
        return "ops";
    }

    @Test
    void scaleDownFromThreeToOneWithUnreplicatedDataLosesNothing() {
        harness.create("shrink", 3, "v1.12.3");
        harness.awaitPhase("shrink", ClusterPhase.HEALTHY, CONVERGE);
        SimulatedQdrantCluster qdrant = cluster.qdrant().cluster(harness.namespace, "shrink");
        qdrant.seedCollection("docs", 6, 1, 6_000);
        List<Long> peersBefore = qdrant.peerIds();
        List<List<Integer>> deletingSeen = new java.util.concurrent.CopyOnWriteArrayList<>();

        try (var watch = cluster.client().resources(QdrantCluster.class).inNamespace(harness.namespace)
                .withName("qdrant-shrink").inform(new ResourceEventHandler<>() {
                    @Override public void onAdd(QdrantCluster qc) { record(qc); }
                    @Override public void onUpdate(QdrantCluster old, QdrantCluster qc) { record(qc); }
                    @Override public void onDelete(QdrantCluster qc, boolean unknown) { }
                    private void record(QdrantCluster qc) {
                        if (qc.getStatus() != null && qc.getStatus().getDeleteInProgressNodeIndexes() != null) {
                            deletingSeen.add(List.copyOf(qc.getStatus().getDeleteInProgressNodeIndexes()));
                        }
                    }
                })) {
            cluster.client().resources(QdrantCluster.class).inNamespace(harness.namespace).withName("qdrant-shrink")
                    .scale(1);
            await().atMost(CONVERGE).until(() -> harness.pods("shrink").size() == 1);
            harness.awaitPhase("shrink", ClusterPhase.HEALTHY, CONVERGE);
        }

        assertThat(deletingSeen).as("status.deleteInProgressNodeIndexes while draining").contains(List.of(1, 2));
        await().atMost(CONVERGE).until(() -> harness.pods("shrink").size() == 1);
        qdrant.assertNoDataLost();
        assertThat(qdrant.peerIds()).hasSize(1);
        long survivor = qdrant.peerIds().get(0);
        assertThat(peersBefore).contains(survivor);
        assertThat(qdrant.placement("docs").shardsOn(survivor)).hasSize(6);
        QdrantCluster qc = harness.get("shrink");
        assertThat(qc.getStatus().getCurrentNodes()).isEqualTo(1);
        assertThat(qc.getStatus().getDeleteInProgressNodeIndexes()).isNullOrEmpty();
        List<String> claims = cluster.client().persistentVolumeClaims().inNamespace(harness.namespace)
                .withLabel("cluster-id", "shrink").list().getItems().stream()
                .map(c -> c.getMetadata().getName()).toList();
        assertThat(claims).as("volumes are kept after a scale-down").contains("qdrant-storage-qdrant-shrink-2");
    }

    @Test
    void scaleUpAfterScaleDownStartsFreshPeersAndSpreadsShards() {
        harness.create("regrow", 2, "v1.12.3");
        harness.awaitPhase("regrow", ClusterPhase.HEALTHY, CONVERGE);
        SimulatedQdrantCluster qdrant = cluster.qdrant().cluster(harness.namespace, "regrow");
        qdrant.seedCollection("docs", 4, 1, 4_000);
        harness.edit("regrow", qc -> qc.getSpec().setSize(1));
        harness.awaitPhase("regrow", ClusterPhase.HEALTHY, CONVERGE);
        await().atMost(CONVERGE).until(() -> harness.pods("regrow").size() == 1);

        harness.edit("regrow", qc -> qc.getSpec().setSize(3));

        await().atMost(CONVERGE).untilAsserted(() -> {
            assertThat(qdrant.peerIds()).hasSize(3);
            for (long peer : qdrant.peerIds()) {
                assertThat(qdrant.placement("docs").shardsOn(peer)).as("shards on peer %d", peer).isNotEmpty();
            }
        });
        harness.awaitPhase("regrow", ClusterPhase.HEALTHY, CONVERGE);
        qdrant.assertNoDataLost();
    }

    @Test
    void restartedAtRollsPodsOneAtATimeWhenDataIsReplicated() {
        int maxDown = restartAfter("roll", 2, qc -> qc.getMetadata().setAnnotations(
                Map.of(QdrantApi.Annotations.RESTARTED_AT, "2026-11-24T10:00:00Z")));

        assertThat(maxDown).as("pods down at the same time").isEqualTo(1);
    }

    @Test
    void memoryChangeRollsPodsOneAtATimeWhenDataIsReplicated() {
        int maxDown = restartAfter("memory", 2, qc -> qc.getSpec().getResources().setMemory("2Gi"));

        assertThat(maxDown).as("pods down at the same time").isEqualTo(1);
        assertThat(harness.pods("memory")).allSatisfy(p -> assertThat(p.getSpec().getContainers().get(0)
                .getResources().getRequests().get("memory").toString()).isEqualTo("2Gi"));
    }

    @Test
    void configChangeRollsPodsOneAtATimeWhenDataIsReplicated() {
        int maxDown = restartAfter("config", 2, qc -> {
            qc.getSpec().setConfig(new io.qdranthybrid.crd.QdrantConfiguration());
            qc.getSpec().getConfig().setLogLevel("DEBUG");
        });

        assertThat(maxDown).as("pods down at the same time").isEqualTo(1);
        assertThat(cluster.client().configMaps().inNamespace(harness.namespace).withName("qdrant-config").get()
                .getData().get("production.yaml")).contains("DEBUG");
    }

    @Test
    void cpuChangeRestartsAllPodsTogetherWhenNothingIsReplicated() {
        int maxDown = restartAfter("cpu", 1, qc -> qc.getSpec().getResources().setCpu("750m"));

        assertThat(maxDown).as("unreplicated data: every pod restarts at once").isEqualTo(3);
    }

    @Test
    void restartAllPodsConcurrentlyRestartsThemTogetherEvenWithReplicatedData() {
        int maxDown = restartAfter("together", 2, qc -> {
            qc.getSpec().setRestartAllPodsConcurrently(true);
            qc.getMetadata().setAnnotations(Map.of(QdrantApi.Annotations.RESTARTED_AT, "2026-11-24T10:00:00Z"));
        });

        assertThat(maxDown).as("restartAllPodsConcurrently: every pod restarts at once").isEqualTo(3);
    }

    /**
     * Creates a healthy 3-node cluster holding a collection at {@code replicationFactor}, applies {@code change},
     * waits until every pod was replaced and the cluster is Healthy again, checks no data was lost, and returns the
     * most pods that were down at the same moment.
     */
    private int restartAfter(String id, int replicationFactor, java.util.function.Consumer<QdrantCluster> change) {
        harness.create(id, 3, "v1.12.3");
        harness.awaitPhase(id, ClusterPhase.HEALTHY, CONVERGE);
        cluster.qdrant().cluster(harness.namespace, id).seedCollection("docs", 3, replicationFactor, 3_000);
        Set<String> uidsBefore = harness.pods(id).stream().map(p -> p.getMetadata().getUid()).collect(Collectors.toSet());
        PodsDownTracker tracker = new PodsDownTracker();

        try (SharedIndexInformer<Pod> informer = cluster.client().pods().inNamespace(harness.namespace)
                .withLabel("cluster-id", id).inform(tracker)) {
            harness.edit(id, change);

            await().atMost(CONVERGE).untilAsserted(() -> assertThat(harness.pods(id))
                    .extracting(p -> p.getMetadata().getUid()).doesNotContainAnyElementsOf(uidsBefore).hasSize(3));
            harness.awaitPhase(id, ClusterPhase.HEALTHY, CONVERGE);
        }
        cluster.qdrant().cluster(harness.namespace, id).assertNoDataLost();
        return tracker.maxDown();
    }

    @Test
    void upgradeAcrossTwoMinorVersionsStepsThroughEach() {
        harness.create("upgrade", 2, "v1.11.3");
        harness.awaitPhase("upgrade", ClusterPhase.HEALTHY, CONVERGE);
        long seeded = 2_000;
        // Replicated, so the pods roll one at a time and every step must keep the data served.
        cluster.qdrant().cluster(harness.namespace, "upgrade").seedCollection("docs", 2, 2, seeded);
        UpgradeRecorder steps = new UpgradeRecorder(cluster.qdrant(), harness.namespace, 2, "docs");
        PodsDownTracker down = new PodsDownTracker();

        try (SharedIndexInformer<Pod> informer = cluster.client().pods().inNamespace(harness.namespace)
                .withLabel("cluster-id", "upgrade").inform(steps)) {
            informer.addEventHandler(down);
            harness.edit("upgrade", qc -> qc.getSpec().setVersion("v1.13.0"));

            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                assertThat(harness.get("upgrade").getStatus().getVersion()).isEqualTo("v1.13.0");
                assertThat(harness.pods("upgrade")).allSatisfy(p -> assertThat(
                        p.getSpec().getContainers().get(0).getImage()).isEqualTo("qdrant/qdrant:v1.13.0"));
            });
            harness.awaitPhase("upgrade", ClusterPhase.HEALTHY, Duration.ofSeconds(60));
        }

        assertThat(steps.imagesAllReady()).as("images every pod was Ready on together")
                .containsSubsequence("qdrant/qdrant:v1.11.3", "qdrant/qdrant:v1.12.0", "qdrant/qdrant:v1.13.0");
        assertThat(steps.unanswered()).as("nodes silent right after turning Ready").isEmpty();
        for (String version : List.of("1.12.0", "1.13.0")) {
            List<UpgradeRecorder.NodeAtReady> nodes = steps.nodesReadyOn("qdrant/qdrant:v" + version);
            assertThat(nodes).extracting(UpgradeRecorder.NodeAtReady::pod).as("pods Ready on " + version)
                    .containsExactlyInAnyOrder("qdrant-upgrade-0", "qdrant-upgrade-1");
            assertThat(nodes).as("nodes as their pods turned Ready on " + version).allSatisfy(node -> {
                assertThat(node.version()).isEqualTo(version);
                assertThat(node.peers()).as("peers in consensus").isEqualTo(2);
                assertThat(node.leaderKnown()).as("consensus has a leader").isTrue();
                assertThat(node.points()).as("points counted").isEqualTo(seeded);
            });
        }
        assertThat(down.maxDown()).as("pods down at the same moment").isEqualTo(1);
        cluster.qdrant().cluster(harness.namespace, "upgrade").assertNoDataLost();
    }

    @Test
    void upgradeAcrossAMajorVersionIsRefusedWithAConditionAndRevertingItRecovers() {
        harness.create("major", 1, "v1.12.3");
        harness.awaitPhase("major", ClusterPhase.HEALTHY, CONVERGE);
        String template = podTemplateImage("major");

        harness.edit("major", qc -> qc.getSpec().setVersion("v2.0.0"));

        harness.awaitPhase("major", ClusterPhase.FAILED_TO_UPDATE, CONVERGE);
        QdrantCluster refused = harness.get("major");
        assertThat(refused.getStatus().getVersion()).isEqualTo("v1.12.3");
        assertThat(Conditions.find(refused.getStatus().getConditions(), ClusterLifecycle.CONDITION_PROGRESSING))
                .hasValueSatisfying(c -> {
                    assertThat(c.getStatus()).isEqualTo("False");
                    assertThat(c.getReason()).isEqualTo("UpgradePathRefused");
                    assertThat(c.getMessage()).contains("major version");
                });
        assertThat(podTemplateImage("major")).isEqualTo(template).endsWith(":v1.12.3");
        assertThat(harness.pods("major")).allSatisfy(p -> assertThat(p.getSpec().getContainers().get(0).getImage())
                .isEqualTo("qdrant/qdrant:v1.12.3"));

        harness.edit("major", qc -> qc.getSpec().setVersion("v1.12.3"));
        harness.awaitPhase("major", ClusterPhase.HEALTHY, CONVERGE);
    }

    private String podTemplateImage(String id) {
        return cluster.client().apps().statefulSets().inNamespace(harness.namespace).withName("qdrant-" + id).get()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    @Test
    void storageShrinkIsRefusedWithAConditionAndFixingItRecovers() {
        harness.create("disk", 1, "v1.12.3");
        harness.awaitPhase("disk", ClusterPhase.HEALTHY, CONVERGE);

        harness.edit("disk", qc -> qc.getSpec().getResources().setStorage("5Gi"));

        harness.awaitPhase("disk", ClusterPhase.FAILED_TO_UPDATE, CONVERGE);
        QdrantCluster failed = harness.get("disk");
        assertThat(Conditions.find(failed.getStatus().getConditions(), ClusterLifecycle.CONDITION_VALID))
                .hasValueSatisfying(c -> assertThat(c.getMessage()).contains("spec.resources.storage", "cannot shrink"));
        PersistentVolumeClaim claim = cluster.client().persistentVolumeClaims().inNamespace(harness.namespace)
                .withName("qdrant-storage-qdrant-disk-0").get();
        assertThat(claim.getSpec().getResources().getRequests().get("storage").toString()).isEqualTo("10Gi");

        harness.edit("disk", qc -> qc.getSpec().getResources().setStorage("10Gi"));
        harness.awaitPhase("disk", ClusterPhase.HEALTHY, CONVERGE);
    }

    @Test
    void pausedClusterIsNotChangedUntilThePauseIsLifted() {
        harness.create("paused", 1, "v1.12.3");
        harness.awaitPhase("paused", ClusterPhase.HEALTHY, CONVERGE);
        Pause pause = new Pause();
        pause.setOwner("sre");
        pause.setReason("volume inspection");

        harness.edit("paused", qc -> {
            qc.getSpec().setPauses(List.of(pause));
            qc.getSpec().setSize(2);
        });

        harness.awaitPhase("paused", ClusterPhase.MANUAL_MAINTENANCE, CONVERGE);
        assertThat(cluster.client().apps().statefulSets().inNamespace(harness.namespace).withName("qdrant-paused")
                .get().getSpec().getReplicas()).isEqualTo(1);

        harness.edit("paused", qc -> qc.getSpec().setPauses(null));
        await().atMost(CONVERGE).until(() -> harness.pods("paused").size() == 2);
        harness.awaitPhase("paused", ClusterPhase.HEALTHY, CONVERGE);
    }

    @Test
    void suspendKeepsOnlyVolumesAndResumeBringsTheDataBack() {
        harness.create("nap", 2, "v1.12.3");
        harness.awaitPhase("nap", ClusterPhase.HEALTHY, CONVERGE);
        SimulatedQdrantCluster qdrant = cluster.qdrant().cluster(harness.namespace, "nap");
        qdrant.seedCollection("docs", 2, 1, 2_000);

        harness.edit("nap", qc -> qc.getSpec().setSuspend(true));

        harness.awaitPhase("nap", ClusterPhase.SUSPENDED, CONVERGE);
        assertThat(harness.pods("nap")).isEmpty();
        assertThat(cluster.client().apps().statefulSets().inNamespace(harness.namespace).withName("qdrant-nap").get()).isNull();
        assertThat(cluster.client().services().inNamespace(harness.namespace).withName("qdrant-nap").get()).isNull();
        assertThat(cluster.client().persistentVolumeClaims().inNamespace(harness.namespace)
                .withLabel("cluster-id", "nap").list().getItems()).hasSize(4);

        harness.edit("nap", qc -> qc.getSpec().setSuspend(false));

        harness.awaitPhase("nap", ClusterPhase.HEALTHY, CONVERGE);
        qdrant.assertNoDataLost();
        assertThat(qdrant.placement("docs").shards()).allSatisfy(s -> assertThat(s.writtenPoints()).isEqualTo(1_000));
    }

    @Test
    void deletingTheClusterRemovesWhatItOwnsButKeepsVolumes() {
        harness.create("gone", 1, "v1.12.3");
        harness.awaitPhase("gone", ClusterPhase.HEALTHY, CONVERGE);

        cluster.client().resources(QdrantCluster.class).inNamespace(harness.namespace).withName("qdrant-gone").delete();

        await().atMost(CONVERGE).untilAsserted(() -> {
            assertThat(cluster.client().apps().statefulSets().inNamespace(harness.namespace).withName("qdrant-gone").get()).isNull();
            assertThat(cluster.client().configMaps().inNamespace(harness.namespace).withName("qdrant-gone").get()).isNull();
            assertThat(cluster.client().services().inNamespace(harness.namespace).withLabel("cluster-id", "gone").list().getItems()).isEmpty();
            assertThat(harness.pods("gone")).isEmpty();
        });
        assertThat(cluster.client().persistentVolumeClaims().inNamespace(harness.namespace)
                .withLabel("cluster-id", "gone").list().getItems()).isNotEmpty();
    }
}
