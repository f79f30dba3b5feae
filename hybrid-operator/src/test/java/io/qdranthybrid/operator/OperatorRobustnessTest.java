package io.qdranthybrid.operator;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantApi;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.harness.kube.InjectedFailure;
import io.qdranthybrid.harness.kube.Verb;
import io.qdranthybrid.operator.cluster.ClusterLifecycle;
import io.qdranthybrid.reconcile.Conditions;
import io.qdranthybrid.reconcile.ReconcileMetrics;
import io.qdranthybrid.reconcile.ReconcileOutcome;
import io.qdranthybrid.reconcile.ResourceKey;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The operator under stress: idle reconciles, API faults, and being killed half-way through a restart. */
class OperatorRobustnessTest extends OnSimulatedCluster {

    private final AtomicInteger finished = new AtomicInteger();
    private final List<Integer> failedWithCodes = new CopyOnWriteArrayList<>();

    @Override
    String namespacePrefix() {
        return "robust";
    }

    @Override
    ReconcileMetrics metrics() {
        return new ReconcileMetrics() {
            @Override
            public void reconcileFinished(String controller, ResourceKey key, Duration duration, ReconcileOutcome outcome) {
                finished.incrementAndGet();
            }

            @Override
            public void reconcileFailed(String controller, ResourceKey key, Exception error) {
                if (error instanceof KubernetesClientException kube) {
                    failedWithCodes.add(kube.getCode());
                }
            }
        };
    }

    @Test
    void anUnchangedClusterReconciledAHundredTimesMakesZeroWrites() {
        harness.create("idle", 3, "v1.12.3");
        harness.awaitPhase("idle", ClusterPhase.HEALTHY, CONVERGE);
        // Count from the point where a whole reconcile writes nothing: by then the watch events of the last status
        // write have been reconciled too (a reconcile still in flight with a write makes the round fail, and retry).
        await().atMost(CONVERGE).until(() -> aReconcileWritesNothing("qdrant-idle"));
        long writesBefore = writesIn(harness.namespace);
        int before = finished.get();

        for (int i = 0; i < 100; i++) {
            harness.operator.requestReconcile("qdrant-idle");
            int target = before + i + 1;
            await().atMost(Duration.ofSeconds(10)).until(() -> finished.get() >= target);
        }

        assertThat(finished.get() - before).isGreaterThanOrEqualTo(100);
        assertThat(writesIn(harness.namespace) - writesBefore).as("operator API writes during 100 idle reconciles").isZero();
        assertThat(cluster.api().journal().calls().stream().filter(c -> c.from(OperatorHarness.USER_AGENT)).count())
                .as("the operator's calls are attributed to it").isPositive();
        assertThat(harness.get("idle").getStatus().getPhase()).isEqualTo(ClusterPhase.HEALTHY);
    }

    // The real-server trap: the API server defaults what the operator leaves out and stores quantities canonically
    // (0.5 as 500m, 1024Mi as 1Gi). An operator comparing what it sends with what it reads back writes forever.
    @Test
    void aClusterWithQuantitiesTheServerRewritesStaysWriteFreeOnceHealthy() {
        harness.create("canonical", 3, "v1.12.3", spec -> {
            spec.getResources().setCpu("0.5");
            spec.getResources().setMemory("1024Mi");
            spec.getResources().setStorage("10240Mi");
        });
        harness.awaitPhase("canonical", ClusterPhase.HEALTHY, CONVERGE);
        await().atMost(CONVERGE).until(() -> aReconcileWritesNothing("qdrant-canonical"));
        assertThat(cluster.client().apps().statefulSets().inNamespace(harness.namespace).withName("qdrant-canonical")
                .get().getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits().get("memory")
                .toString()).as("the server stored the canonical form").isEqualTo("1Gi");
        long writesBefore = writesIn(harness.namespace);
        int before = finished.get();

        for (int i = 0; i < 20; i++) {
            harness.operator.requestReconcile("qdrant-canonical");
            int target = before + i + 1;
            await().atMost(Duration.ofSeconds(10)).until(() -> finished.get() >= target);
        }

        assertThat(writesIn(harness.namespace) - writesBefore).as("operator API writes during 20 idle reconciles")
                .isZero();
        assertThat(harness.get("canonical").getStatus().getPhase()).isEqualTo(ClusterPhase.HEALTHY);
    }

    /** Requests one reconcile of {@code name} and tells whether the namespace saw no write until one finished. */
    private boolean aReconcileWritesNothing(String name) {
        long writes = writesIn(harness.namespace);
        int done = finished.get();
        harness.operator.requestReconcile(name);
        await().atMost(Duration.ofSeconds(10)).until(() -> finished.get() > done);
        return writesIn(harness.namespace) == writes;
    }

    /** Calls the API server answered with {@code code} for {@code verb} on {@code resource}, so far. */
    private long answered(int code, Verb verb, String resource) {
        return cluster.api().journal().calls().stream()
                .filter(c -> c.code() == code && c.verb() == verb && resource.equals(c.resource())).count();
    }

    @Test
    void injectedConflictsThrottlingAndServerErrorsStillConverge() {
        long errorsBefore = answered(500, Verb.CREATE, "statefulsets");
        long throttledBefore = answered(429, Verb.CREATE, "services");
        long conflictsBefore = answered(409, Verb.UPDATE, "qdrantclusters");
        cluster.api().faults().failNext(2, Verb.CREATE, "statefulsets", InjectedFailure.INTERNAL_ERROR);
        cluster.api().faults().failNext(2, Verb.CREATE, "services", InjectedFailure.TOO_MANY_REQUESTS);
        cluster.api().faults().failNext(3, Verb.UPDATE, "qdrantclusters", InjectedFailure.CONFLICT);

        harness.create("faulty", 2, "v1.12.3");

        harness.awaitPhase("faulty", ClusterPhase.HEALTHY, CONVERGE);
        assertThat(harness.pods("faulty")).hasSize(2);
        // Converging proves nothing unless the faults were really served.
        assertThat(answered(500, Verb.CREATE, "statefulsets") - errorsBefore).as("injected 500s served").isEqualTo(2);
        assertThat(answered(429, Verb.CREATE, "services") - throttledBefore).as("injected 429s served").isEqualTo(2);
        assertThat(answered(409, Verb.UPDATE, "qdrantclusters") - conflictsBefore).as("injected 409s served").isGreaterThanOrEqualTo(3);
    }

    @Test
    void faultsBeyondTheClientsOwnRetriesReachTheControllersBackoffAndStillConverge() {
        // fabric8 retries a 500 ten times by itself: the eleventh fails the reconcile. Only the operator creates
        // StatefulSets and updates ConfigMaps here, so the simulated controllers cannot consume these faults.
        cluster.api().faults().failNext(11, Verb.CREATE, "statefulsets", InjectedFailure.INTERNAL_ERROR);

        harness.create("backoff", 2, "v1.12.3");

        harness.awaitPhase("backoff", ClusterPhase.HEALTHY, Duration.ofSeconds(90));
        assertThat(failedWithCodes).as("reconciles failed by the injected 500s").contains(500);

        // A 409 on an object update is never retried by the client: the controller's backoff handles it.
        cluster.api().faults().failNext(1, Verb.UPDATE, "configmaps", InjectedFailure.CONFLICT);
        harness.edit("backoff", qc -> {
            qc.getSpec().setConfig(new io.qdranthybrid.crd.QdrantConfiguration());
            qc.getSpec().getConfig().setLogLevel("DEBUG");
        });

        await().atMost(CONVERGE).until(() -> cluster.client().configMaps().inNamespace(harness.namespace)
                .withName("qdrant-backoff").get().getData().get("production.yaml").contains("DEBUG"));
        harness.awaitPhase("backoff", ClusterPhase.HEALTHY, CONVERGE);
        assertThat(failedWithCodes).as("reconciles failed by the injected 409").contains(409);
    }

    @Test
    void operatorKilledMidRollingRestartResumesWithNeverTwoPodsDown() {
        harness.create("resume", 3, "v1.12.3");
        harness.awaitPhase("resume", ClusterPhase.HEALTHY, CONVERGE);
        cluster.qdrant().cluster(harness.namespace, "resume").seedCollection("docs", 3, 2, 3_000);
        Set<String> before = harness.pods("resume").stream().map(p -> p.getMetadata().getUid()).collect(Collectors.toSet());
        PodsDownTracker down = new PodsDownTracker();

        try (SharedIndexInformer<Pod> informer = cluster.client().pods().inNamespace(harness.namespace)
                .withLabel("cluster-id", "resume").inform(down)) {
            harness.edit("resume", qc -> qc.getMetadata().setAnnotations(
                    Map.of(QdrantApi.Annotations.RESTARTED_AT, "2026-11-24T11:00:00Z")));
            await().atMost(CONVERGE).until(() -> harness.pods("resume").stream()
                    .filter(p -> !before.contains(p.getMetadata().getUid())).count() >= 1);

            harness.killOperator();
            // The pods roll OnDelete and only the operator deletes them: an old pod not yet terminating now is one
            // the killed operator left to roll, so the restarted one must resume mid-operation, not start afresh.
            assertThat(harness.pods("resume")).as("old pods left to roll when the operator died")
                    .filteredOn(p -> before.contains(p.getMetadata().getUid()) && p.getMetadata().getDeletionTimestamp() == null)
                    .isNotEmpty();
            harness.startOperator();

            await().atMost(CONVERGE).untilAsserted(() -> assertThat(harness.pods("resume"))
                    .extracting(p -> p.getMetadata().getUid()).doesNotContainAnyElementsOf(before).hasSize(3));
            harness.awaitPhase("resume", ClusterPhase.HEALTHY, CONVERGE);
        }
        assertThat(down.maxDown()).as("pods down at the same time").isEqualTo(1);
        cluster.qdrant().cluster(harness.namespace, "resume").assertNoDataLost();
    }

    @Test
    void invalidSpecFailsToCreateWithAConditionNamingTheField() {
        QdrantCluster bad = harness.create("bad", 1, "1.12");

        harness.awaitPhase("bad", ClusterPhase.FAILED_TO_CREATE, CONVERGE);

        QdrantCluster qc = harness.get("bad");
        assertThat(Conditions.find(qc.getStatus().getConditions(), ClusterLifecycle.CONDITION_VALID))
                .hasValueSatisfying(c -> {
                    assertThat(c.getStatus()).isEqualTo("False");
                    assertThat(c.getMessage()).contains("spec.version").contains("vX.Y.Z");
                });
        assertThat(cluster.client().apps().statefulSets().inNamespace(harness.namespace).withName("qdrant-bad").get()).isNull();
        assertThat(bad.getMetadata().getName()).isEqualTo("qdrant-bad");
    }

    @Test
    void storageGrowsInPlaceWhereTheStorageClassAllowsIt() {
        // The class is set at creation: editing it afterwards races the first StatefulSet, whose claims keep their class.
        harness.create("grow", 2, "v1.12.3", spec -> {
            spec.setStorageClassNames(new io.qdranthybrid.crd.StorageClassNames());
            spec.getStorageClassNames().setDb("sim-csi");
            spec.getStorageClassNames().setSnapshots("sim-csi");
        });
        harness.awaitPhase("grow", ClusterPhase.HEALTHY, CONVERGE);

        harness.edit("grow", qc -> qc.getSpec().getResources().setStorage("30Gi"));

        await().atMost(CONVERGE).untilAsserted(() -> assertThat(cluster.client().persistentVolumeClaims()
                .inNamespace(harness.namespace).withLabel("cluster-id", "grow").list().getItems())
                .allSatisfy(pvc -> assertThat(pvc.getStatus().getCapacity().get("storage").toString()).isEqualTo("30Gi")));
        harness.awaitPhase("grow", ClusterPhase.HEALTHY, CONVERGE);
        assertThat(cluster.client().apps().statefulSets().inNamespace(harness.namespace).withName("qdrant-grow").get()
                .getSpec().getVolumeClaimTemplates().get(0).getSpec().getResources().getRequests().get("storage").toString())
                .isEqualTo("30Gi");
    }

    @Test
    void recreateNodeStartsThatNodeAsAFreshPeerWithoutLosingData() {
        harness.create("fresh", 3, "v1.12.3");
        harness.awaitPhase("fresh", ClusterPhase.HEALTHY, CONVERGE);
        var qdrant = cluster.qdrant().cluster(harness.namespace, "fresh");
        qdrant.seedCollection("docs", 3, 1, 3_000);
        long oldPeer = qdrant.peerIdOf("qdrant-fresh-1").orElseThrow();

        cluster.client().pods().inNamespace(harness.namespace).withName("qdrant-fresh-1")
                .edit(p -> {
                    p.getMetadata().getAnnotations().put(QdrantApi.Annotations.RECREATE_NODE, "true");
                    return p;
                });

        await().atMost(CONVERGE).untilAsserted(() -> {
            assertThat(qdrant.peerIdOf("qdrant-fresh-1")).isPresent().get().isNotEqualTo(oldPeer);
            assertThat(qdrant.peerIds()).hasSize(3).doesNotContain(oldPeer);
        });
        harness.awaitPhase("fresh", ClusterPhase.HEALTHY, CONVERGE);
        qdrant.assertNoDataLost();
    }

    private long writesIn(String namespace) {
        return cluster.api().journal().writeCalls().stream()
                .filter(c -> namespace.equals(c.namespace()) && c.from(OperatorHarness.USER_AGENT)).count();
    }
}
