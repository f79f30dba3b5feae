package io.qdranthybrid.operator;

import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.KubernetesPod;
import io.qdranthybrid.crd.KubernetesStatefulSet;
import io.qdranthybrid.crd.NodeStatus;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantSecurityContext;
import io.qdranthybrid.crd.Storage;
import io.qdranthybrid.crd.StorageClassNames;
import io.qdranthybrid.operator.cluster.ClusterDiagnosis;
import io.qdranthybrid.operator.cluster.ClusterLifecycle;
import io.qdranthybrid.operator.cluster.OperatorDefaults;
import io.qdranthybrid.operator.policy.PodPolicy;
import io.qdranthybrid.reconcile.Conditions;
import io.qdranthybrid.reconcile.ReconcileMetrics;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a user reading {@code kubectl get qc -o yaml} and {@code kubectl describe qc} learns when pods do not come up,
 * volumes do not grow or every pod restarts at once: the cause, in Kubernetes' own words, and what to do; one Warning
 * Event per cause, not one per reconcile.
 */
class ClusterStatusExplainsOnSimulatedClusterTest extends OnSimulatedCluster {

    private final ReconcileCounts reconciles = new ReconcileCounts();

    @Override
    String namespacePrefix() {
        return "explains";
    }

    @Override
    ReconcileMetrics metrics() {
        return reconciles;
    }

    @Test
    void aPodThatFitsNoNodeIsNamedWithTheSchedulersMessageAndWhatToDoOnceAndWithoutWritesAfterwards() {
        harness.create("big", 1, "v1.12.3", spec -> spec.getResources().setCpu("8"));

        await().atMost(CONVERGE).untilAsserted(() -> assertThat(reasonOf("big"))
                .startsWith("1 of 1 nodes cannot be scheduled: 0/3 nodes are available: 3 Insufficient cpu.")
                .contains("add capacity or lower resources"));
        QdrantCluster big = harness.get("big");
        NodeStatus node = big.getStatus().getNodes().get("qdrant-big-0");
        assertThat(node.getPodReason()).isEqualTo("Unschedulable");
        assertThat(node.getPodMessage()).contains("Insufficient cpu");
        assertThat(Conditions.find(big.getStatus().getConditions(), ClusterLifecycle.CONDITION_NODES))
                .hasValueSatisfying(c -> {
                    assertThat(c.getStatus()).isEqualTo("False");
                    assertThat(c.getReason()).isEqualTo("Unschedulable");
                    assertThat(c.getMessage()).startsWith("qdrant-big-0: cannot be scheduled: 0/3 nodes are available");
                });
        await().atMost(CONVERGE).until(() -> warning("big", "Unschedulable").isPresent());

        // A pod that stays unschedulable is a steady state: reconciles write neither status nor Events.
        await().atMost(CONVERGE).until(() -> aReconcileWritesNothing("qdrant-big"));
        for (int i = 0; i < 5; i++) {
            assertThat(aReconcileWritesNothing("qdrant-big")).isTrue();
        }
        assertThat(warning("big", "Unschedulable").orElseThrow().getCount()).isEqualTo(1);
    }

    @Test
    void aContainerThatKeepsExitingIsReportedWithItsExitCode() {
        // Qdrant exits at start when TLS is on without a certificate: a misconfiguration the kubelet restarts forever.
        harness.create("crashy", 1, "v1.12.3", spec -> {
            KubernetesPod pods = new KubernetesPod();
            pods.setExtraEnv(List.of(new EnvVarBuilder().withName("QDRANT__SERVICE__ENABLE_TLS").withValue("true")
                    .build()));
            KubernetesStatefulSet statefulSet = new KubernetesStatefulSet();
            statefulSet.setPods(pods);
            spec.setStatefulSet(statefulSet);
        });

        await().atMost(CONVERGE).untilAsserted(() -> assertThat(reasonOf("crashy"))
                .startsWith("1 of 1 nodes keep crashing: last exit code 1 (Error)")
                .contains("kubectl logs qdrant-crashy-0 --previous"));
        // Also in the seconds the kubelet runs the container again between back-offs: the status does not flicker.
        for (int i = 0; i < 3; i++) {
            reconciles.awaitMore("qdrantcluster", "qdrant-crashy", 1);
            assertThat(harness.get("crashy").getStatus().getNodes().get("qdrant-crashy-0").getPodReason())
                    .isEqualTo("CrashLoopBackOff");
        }
        await().atMost(CONVERGE).until(() -> warning("crashy", "CrashLoopBackOff").isPresent());
        assertThat(harness.get("crashy").getStatus().getPhase()).isEqualTo(ClusterPhase.CREATING);
    }

    @Test
    void anImageTheNodesCannotPullIsNamedOnceWhileTheKubeletRetries() {
        harness.stopOperator();
        harness.startOperator(metrics(), OperatorDefaults.hybrid().withImageRepository("registry.invalid/qdrant/qdrant"));

        harness.create("unpullable", 1, "v1.12.3");

        await().atMost(CONVERGE).untilAsserted(() -> assertThat(reasonOf("unpullable"))
                .startsWith("1 of 1 nodes cannot pull their image: cannot pull image registry.invalid/qdrant/qdrant:v1.12.3")
                .contains("check spec.image"));
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(harness.get("unpullable").getStatus().getNodes())
                .extractingByKey("qdrant-unpullable-0").extracting(NodeStatus::getPodMessage).asString().contains("lookup registry.invalid: no such host"));
        // The kubelet alternates ErrImagePull and ImagePullBackOff (SimulatedKubeletTest), a pod status write each
        // time; the problem is the same, and so is its Event.
        await().atMost(CONVERGE).until(() -> warning("unpullable", "ImagePullBackOff").isPresent());
        Set<String> versions = new HashSet<>();
        await().atMost(CONVERGE).until(() -> {
            versions.add(cluster.client().pods().inNamespace(harness.namespace).withName("qdrant-unpullable-0").get()
                    .getMetadata().getResourceVersion());
            return versions.size() >= 4;
        });
        reconciles.awaitMore("qdrantcluster", "qdrant-unpullable", 2);
        assertThat(warning("unpullable", "ImagePullBackOff").orElseThrow().getCount()).isEqualTo(1);
    }

    @Test
    void aNodeThatRunsButNeverTurnsReadyIsReportedAsFailingItsReadinessProbe() {
        // Cut off from its peers before it starts, the second node never joins consensus, so /readyz never answers
        // 200. The operator's clock runs past the grace a starting node gets, so the test need not wait it out.
        cluster.qdrant().partition(harness.namespace, "qdrant-lonely-1");
        harness.stopOperator();
        harness.startOperator(metrics(), OperatorDefaults.hybrid(), java.time.Clock.offset(java.time.Clock.systemUTC(),
                ClusterDiagnosis.READINESS_GRACE.plusSeconds(5)));
        try {
            harness.create("lonely", 2, "v1.12.3");

            await().atMost(CONVERGE).untilAsserted(() -> assertThat(reasonOf("lonely"))
                    .startsWith("1 of 2 nodes are running but not ready: its readiness probe (/readyz) fails; check its"
                            + " logs (kubectl logs qdrant-lonely-1)"));
            assertThat(harness.get("lonely").getStatus().getNodes().get("qdrant-lonely-1").getPodReason())
                    .isEqualTo("ReadinessProbeFailing");
            await().atMost(CONVERGE).until(() -> warning("lonely", "ReadinessProbeFailing").isPresent());
        } finally {
            cluster.qdrant().heal(harness.namespace, "qdrant-lonely-1");
        }
    }

    @Test
    void aPodThePodSecurityLevelRefusesIsReportedFromTheStatefulSetsEventsUnderTheShippedRole() {
        cluster.client().namespaces().withName(harness.namespace).edit(ns -> {
            if (ns.getMetadata().getLabels() == null) {
                ns.getMetadata().setLabels(new java.util.HashMap<>());
            }
            ns.getMetadata().getLabels().put("pod-security.kubernetes.io/enforce", "restricted");
            return ns;
        });
        harness.stopOperator();
        harness.runAsShippedServiceAccount();
        PodPolicy permissive = new PodPolicy(List.of(), true, Set.of("emptyDir", "configMap", "secret", "projected",
                "downwardAPI", "hostPath"), PodPolicy.DEFAULT.secretNamePattern(), PodPolicy.DEFAULT.protectedSecrets(),
                PodPolicy.DEFAULT.serviceAnnotations(), PodPolicy.DEFAULT.ingressAnnotations());
        harness.startOperator(metrics(), OperatorDefaults.hybrid().withPodPolicy(permissive));

        harness.create("root", 1, "v1.12.3", spec -> {
            QdrantSecurityContext security = new QdrantSecurityContext();
            security.setUser(0L);
            spec.setSecurity(security);
            Storage storage = new Storage();
            storage.setAdditionalVolumes(List.of(new VolumeBuilder().withName("host").withNewHostPath("/data", null)
                    .build()));
            spec.setStorage(storage);
        });

        await().atMost(CONVERGE).untilAsserted(() -> assertThat(reasonOf("root"))
                .startsWith("StatefulSet qdrant-root: pods cannot be created: create Pod qdrant-root-0 in StatefulSet"
                        + " qdrant-root failed error: ")
                .contains("violates PodSecurity \"restricted:latest\"")
                .contains("label the namespace with a level that allows it"));
        assertThat(Conditions.find(harness.get("root").getStatus().getConditions(), ClusterLifecycle.CONDITION_NODES))
                .hasValueSatisfying(c -> assertThat(c.getReason()).isEqualTo("FailedCreate"));
        await().atMost(CONVERGE).until(() -> warning("root", "FailedCreate").isPresent());
        assertThat(cluster.api().journal().calls().stream().filter(c -> c.from(OperatorHarness.USER_AGENT))
                .filter(c -> harness.namespace.equals(c.namespace()) && "events".equals(c.resource())))
                .as("the shipped Role lets the operator read the events").isNotEmpty().noneMatch(c -> c.code() == 403);
    }

    @Test
    void snapshotVolumesOnAClassWithoutExpansionAreLeftAsTheyAreAndTheStatusSaysSo() {
        growDatabaseButNotSnapshotVolumes("snapgrow");
        assertThat(refusedResizes()).as("no resize the class refuses is attempted").isZero();
    }

    @Test
    void anOperatorThatCannotReadStorageClassesLearnsFromTheFirstRefusalAndStops() {
        // The shipped Role has no StorageClass access (that is the optional cluster-read component).
        harness.stopOperator();
        harness.runAsShippedServiceAccount();
        harness.startOperator(metrics());

        growDatabaseButNotSnapshotVolumes("blind");

        long refused = refusedResizes();
        assertThat(refused).as("one refused resize per snapshot volume").isEqualTo(2);
        for (int i = 0; i < 3; i++) {
            harness.operator.requestReconcile("qdrant-blind");
            reconciles.awaitMore("qdrantcluster", "qdrant-blind", 1);
        }
        assertThat(refusedResizes()).as("not retried").isEqualTo(refused);
    }

    /** A 2-node cluster, database on sim-csi and snapshots on local-path, grown from 10Gi to 30Gi. */
    private void growDatabaseButNotSnapshotVolumes(String id) {
        harness.create(id, 2, "v1.12.3", spec -> {
            spec.setStorageClassNames(new StorageClassNames());
            spec.getStorageClassNames().setDb("sim-csi");
            spec.getStorageClassNames().setSnapshots("local-path");
        });
        harness.awaitPhase(id, ClusterPhase.HEALTHY, CONVERGE);

        harness.edit(id, qc -> qc.getSpec().getResources().setStorage("30Gi"));

        await().atMost(CONVERGE).untilAsserted(() -> assertThat(cluster.client().persistentVolumeClaims()
                .inNamespace(harness.namespace).withLabel("cluster-id", id).list().getItems())
                .filteredOn(pvc -> pvc.getMetadata().getName().startsWith("qdrant-storage-"))
                .hasSize(2)
                .allSatisfy(pvc -> assertThat(pvc.getStatus().getCapacity().get("storage").toString()).isEqualTo("30Gi")));
        String snapshots = "qdrant-snapshots-qdrant-" + id + "-0, qdrant-snapshots-qdrant-" + id + "-1";
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(Conditions.find(harness.get(id).getStatus()
                .getConditions(), ClusterLifecycle.CONDITION_STORAGE)).hasValueSatisfying(c -> {
                    assertThat(c.getStatus()).isEqualTo("False");
                    assertThat(c.getReason()).isEqualTo("SnapshotVolumesNotExpandable");
                    assertThat(c.getMessage()).contains("snapshot volumes " + snapshots + ": not grown to 30Gi")
                            .contains("does not allow volume expansion")
                            .contains("spec.storageClassNames.snapshots");
                }));
        harness.awaitPhase(id, ClusterPhase.HEALTHY, CONVERGE);
        assertThat(harness.get(id).getStatus().getReason()).contains("snapshot volumes " + snapshots);
        await().atMost(CONVERGE).until(() -> warning(id, "SnapshotVolumesNotExpandable").isPresent());
        assertThat(cluster.client().persistentVolumeClaims().inNamespace(harness.namespace).withLabel("cluster-id", id)
                .list().getItems()).filteredOn(pvc -> pvc.getMetadata().getName().startsWith("qdrant-snapshots-"))
                .allSatisfy(pvc -> assertThat(pvc.getSpec().getResources().getRequests().get("storage").toString())
                        .isEqualTo("10Gi"));
    }

    /** PVC writes of the operator the API server refused (403), in this test's namespace. */
    private long refusedResizes() {
        return cluster.api().journal().calls().stream().filter(c -> c.from(OperatorHarness.USER_AGENT))
                .filter(c -> harness.namespace.equals(c.namespace()))
                .filter(c -> "persistentvolumeclaims".equals(c.resource()) && c.code() == 403).count();
    }

    @Test
    void aRestartOfAClusterWithoutReplicatedCollectionsSaysItTakesEveryNodeDownAndWhy() {
        harness.create("together", 3, "v1.12.3");
        harness.awaitPhase("together", ClusterPhase.HEALTHY, CONVERGE);
        // Every status written, as a watch sees it: the restart is over in a moment, too fast to poll.
        Set<String> progressReasons = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try (var watch = cluster.client().resources(QdrantCluster.class).inNamespace(harness.namespace)
                .withName("qdrant-together").watch(new io.fabric8.kubernetes.client.Watcher<>() {
                    @Override
                    public void eventReceived(Action action, QdrantCluster qc) {
                        if (qc.getStatus() != null) {
                            Conditions.find(qc.getStatus().getConditions(), ClusterLifecycle.CONDITION_PROGRESSING)
                                    .ifPresent(c -> progressReasons.add(c.getReason() + ": " + c.getMessage()));
                        }
                    }

                    @Override
                    public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {
                    }
                })) {
            harness.edit("together", qc -> qc.getSpec().getResources().setCpu("0.6"));

            await().atMost(CONVERGE).until(() -> warning("together", ClusterLifecycle.RESTARTING_ALL_AT_ONCE).isPresent());
            assertThat(warning("together", ClusterLifecycle.RESTARTING_ALL_AT_ONCE).orElseThrow().getMessage())
                    .startsWith("all 3 nodes: restarting at once, so the cluster is unavailable until they are back")
                    .contains("no collection is replicated")
                    .contains("spec.restartAllPodsConcurrently=false");
            harness.awaitPhase("together", ClusterPhase.HEALTHY, CONVERGE);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(progressReasons)
                    .anyMatch(r -> r.startsWith(ClusterLifecycle.RESTARTING_ALL_AT_ONCE + ": all 3 nodes")));
        }
    }

    /** status.reason, empty before the operator wrote a status. */
    private String reasonOf(String id) {
        QdrantCluster qc = harness.get(id);
        return qc.getStatus() == null || qc.getStatus().getReason() == null ? "" : qc.getStatus().getReason();
    }

    /** The Warning Event with {@code reason} on the QdrantCluster, as {@code kubectl describe qc} lists it. */
    private Optional<Event> warning(String id, String reason) {
        return cluster.client().v1().events().inNamespace(harness.namespace)
                .withField("involvedObject.name", "qdrant-" + id).list().getItems().stream()
                .filter(e -> "Warning".equals(e.getType()) && reason.equals(e.getReason())).findFirst();
    }

    /** Requests one reconcile of {@code name} and tells whether the namespace saw no operator write until it ended. */
    private boolean aReconcileWritesNothing(String name) {
        long writes = operatorWrites();
        int done = reconciles.finished("qdrantcluster", name);
        harness.operator.requestReconcile(name);
        await().atMost(Duration.ofSeconds(10)).until(() -> reconciles.finished("qdrantcluster", name) > done);
        return operatorWrites() == writes;
    }

    private long operatorWrites() {
        return cluster.api().journal().writeCalls().stream()
                .filter(c -> harness.namespace.equals(c.namespace()) && c.from(OperatorHarness.USER_AGENT)).count();
    }
}
