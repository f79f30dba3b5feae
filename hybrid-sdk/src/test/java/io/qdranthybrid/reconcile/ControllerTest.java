package io.qdranthybrid.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.crd.QdrantCloudRegion;
import io.qdranthybrid.crd.QdrantCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.BeforeAll;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class ControllerTest {

    private static final AtomicInteger NAMESPACES = new AtomicInteger();
    private static MockKube kube;

    private final List<Controller<?>> controllers = new ArrayList<>();
    private final WriteCounter writes = new WriteCounter();
    private final KubernetesClient operatorClient = kube.countingClient(writes);
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final OwnedObjectsReconciler reconciler = new OwnedObjectsReconciler(operatorClient);
    private final String namespace = "controller-" + NAMESPACES.incrementAndGet();

    @AfterEach
    void stopControllers() {
        controllers.forEach(Controller::stop);
        controllers.clear();
    }

    @BeforeAll
    static void startServer() {
        kube = MockKube.shared();
    }

    private Controller.Builder<QdrantCluster> clusterController() {
        return Controller.builder(operatorClient, QdrantCluster.class, reconciler)
                .namespaces(namespace)
                .owns(ConfigMap.class)
                .owns(Service.class)
                .metrics(metrics)
                .backoff(new RetryBackoff(Duration.ofMillis(10), Duration.ofMillis(100), 0.2, new java.util.Random()));
    }

    private Controller<QdrantCluster> started(Controller.Builder<QdrantCluster> builder) {
        Controller<QdrantCluster> controller = builder.build();
        controllers.add(controller);
        controller.start();
        return controller;
    }

    private ConfigMap configMap(String cluster) {
        return kube.client().configMaps().inNamespace(namespace).withName(OwnedObjectsReconciler.configMapName(cluster)).get();
    }

    private Service service(String cluster) {
        return kube.client().services().inNamespace(namespace).withName(OwnedObjectsReconciler.serviceName(cluster)).get();
    }

    /** Converged: the status is written and the controller's own cache has seen it, and nothing is queued or running. */
    private void awaitConverged(Controller<QdrantCluster> controller, String cluster) {
        ResourceKey key = new ResourceKey(namespace, cluster);
        await().atMost(Duration.ofSeconds(5)).until(() -> controller.cached(key)
                .map(cached -> cached.getStatus() != null && Conditions.isTrue(cached.getStatus().getConditions(), OwnedObjectsReconciler.RECONCILED))
                .orElse(false));
        awaitIdle(controller);
    }

    private static void awaitIdle(Controller<QdrantCluster> controller) {
        await().atMost(Duration.ofSeconds(5)).until(controller::isIdle);
    }

    private void reconcileAndWait(Controller<QdrantCluster> controller, ResourceKey key) {
        int before = reconciler.reconciles(key);
        controller.enqueue(key);
        await().atMost(Duration.ofSeconds(5)).until(() -> reconciler.reconciles(key) > before);
        awaitIdle(controller);
    }

    @Test
    void reconcileCreatesOwnedObjectsWithControllerReferencesAndWritesStatus() {
        Controller<QdrantCluster> controller = started(clusterController());
        QdrantCluster cluster = kube.createCluster(namespace, "alpha", 3, Map.of());

        awaitConverged(controller, "alpha");

        assertThat(configMap("alpha").getData()).containsEntry("size", "3");
        assertThat(OwnerReferences.controllerOf(configMap("alpha"))).get()
                .satisfies(ref -> assertThat(ref.getUid()).isEqualTo(cluster.getMetadata().getUid()));
        assertThat(OwnerReferences.controllerOf(service("alpha"))).isPresent();
        assertThat(controller.hasSynced()).isTrue();
    }

    @Test
    void aDeletedPrimaryIsForgottenByTheReconciler() {
        Controller<QdrantCluster> controller = started(clusterController());
        kube.createCluster(namespace, "gone", 1, Map.of());
        awaitConverged(controller, "gone");
        ResourceKey key = new ResourceKey(namespace, "gone");
        assertThat(reconciler.forgot(key)).isFalse();

        kube.client().resources(QdrantCluster.class).inNamespace(namespace).withName("gone").delete();

        await().atMost(Duration.ofSeconds(5)).until(() -> reconciler.forgot(key));
    }

    @Test
    void statusOnlyChangesDoNotReconcileWhenTheControllerIgnoresThem() {
        Controller<QdrantCluster> controller = started(clusterController().ignoreStatusOnlyChanges());
        kube.createCluster(namespace, "quiet", 1, Map.of());
        awaitConverged(controller, "quiet");
        ResourceKey key = new ResourceKey(namespace, "quiet");
        int before = reconciler.reconciles(key);

        for (int i = 0; i < 3; i++) {
            kube.client().resources(QdrantCluster.class).inNamespace(namespace).withName("quiet").editStatus(qc -> {
                qc.getStatus().setReason("written by someone else");
                return qc;
            });
        }
        kube.client().resources(QdrantCluster.class).inNamespace(namespace).withName("quiet")
                .edit(qc -> {
                    qc.getMetadata().getLabels().put("touched", "yes");
                    return qc;
                });

        // The label touch comes last on the same object, so its reconcile follows every status event's handling.
        await().atMost(Duration.ofSeconds(5)).until(() -> reconciler.reconciles(key) > before);
        awaitIdle(controller);
        assertThat(reconciler.reconciles(key)).isEqualTo(before + 1);
    }

    @Test
    void cachedListBySelectorFindsTheSameObjectsWithAnIndexedLabel() {
        Controller<QdrantCluster> controller = started(clusterController()
                .watches(Pod.class, pod -> java.util.Set.of())
                .indexByLabel("cluster-id"));
        await().atMost(Duration.ofSeconds(5)).until(controller::hasSynced);
        for (String[] pod : new String[][] {{"a-0", "a", "qdrant"}, {"a-sidecar", "a", "other"}, {"b-0", "b", "qdrant"}}) {
            kube.client().pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata().withName(pod[0])
                    .addToLabels("cluster-id", pod[1]).addToLabels("app", pod[2]).endMetadata().build()).create();
        }
        await().atMost(Duration.ofSeconds(5)).until(() ->
                controller.cachedList(Pod.class, namespace, Map.of("app", "qdrant")).size() == 2);

        assertThat(controller.cachedList(Pod.class, namespace, Map.of("app", "qdrant", "cluster-id", "a")))
                .extracting(pod -> pod.getMetadata().getName()).containsExactly("a-0");

        kube.client().pods().inNamespace(namespace).withName("b-0").edit(pod -> {
            pod.getMetadata().getLabels().put("cluster-id", "a");
            return pod;
        });
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(controller.cachedList(Pod.class, namespace, Map.of("app", "qdrant", "cluster-id", "a")))
                        .extracting(pod -> pod.getMetadata().getName()).containsExactlyInAnyOrder("a-0", "b-0"));
        assertThat(controller.cachedList(Pod.class, namespace, Map.of("cluster-id", "b"))).isEmpty();
    }

    @Test
    void aTrimmedKindIsCachedWithoutWhatTheTrimDropsAndOtherKindsWhole() {
        Controller<QdrantCluster> controller = started(clusterController()
                .watches(Pod.class, pod -> java.util.Set.of())
                .trimCached(Pod.class, pod -> pod.setSpec(null)));
        await().atMost(Duration.ofSeconds(5)).until(controller::hasSynced);
        kube.client().pods().inNamespace(namespace).resource(new PodBuilder()
                .withNewMetadata().withName("trimmed-0").addToLabels("cluster-id", "trimmed").endMetadata()
                .withNewSpec().addNewContainer().withName("qdrant").withImage("qdrant/qdrant").endContainer().endSpec()
                .build()).create();
        kube.createCluster(namespace, "whole", 1, Map.of());
        awaitConverged(controller, "whole");

        await().atMost(Duration.ofSeconds(5)).until(() ->
                controller.cachedList(Pod.class, namespace, Map.of("cluster-id", "trimmed")).size() == 1);
        Pod cached = controller.cachedList(Pod.class, namespace, Map.of("cluster-id", "trimmed")).get(0);
        assertThat(cached.getSpec()).isNull();
        assertThat(cached.getMetadata().getLabels()).containsEntry("cluster-id", "trimmed");
        // Only the cache holds less: the pod on the server keeps its spec, and untrimmed kinds are cached whole.
        assertThat(kube.client().pods().inNamespace(namespace).withName("trimmed-0").get().getSpec().getContainers())
                .hasSize(1);
        assertThat(controller.cachedList(ConfigMap.class, namespace, Map.of()))
                .allSatisfy(cm -> assertThat(cm.getData()).isNotEmpty());
    }

    @Test
    void reconcilingAnUnchangedWorldMakesZeroWrites() {
        Controller<QdrantCluster> controller = started(clusterController().finalizer("qdrant.io/test-cleanup"));
        kube.createCluster(namespace, "steady", 1, Map.of());
        awaitConverged(controller, "steady");
        writes.reset();

        ResourceKey key = new ResourceKey(namespace, "steady");
        for (int i = 0; i < 3; i++) {
            reconcileAndWait(controller, key);
        }

        assertThat(writes.writes()).isEmpty();
    }

    @Test
    void changingOrDeletingAnOwnedObjectReconcilesItsOwner() {
        Controller<QdrantCluster> controller = started(clusterController());
        kube.createCluster(namespace, "owner", 1, Map.of());
        awaitConverged(controller, "owner");

        kube.client().configMaps().inNamespace(namespace).withName(OwnedObjectsReconciler.configMapName("owner"))
                .edit(cm -> new ConfigMapBuilder(cm).addToData("size", "99").build());
        kube.client().services().inNamespace(namespace).withName(OwnedObjectsReconciler.serviceName("owner")).delete();

        await().atMost(Duration.ofSeconds(5)).until(() -> "1".equals(configMap("owner").getData().get("size")));
        await().atMost(Duration.ofSeconds(5)).until(() -> service("owner") != null);
    }

    @Test
    void customMapperRelatesPodsToTheirClusterByLabel() {
        Controller<QdrantCluster> controller = started(clusterController()
                .watches(Pod.class, SecondaryMapper.byLabel("cluster-id", clusterId -> clusterId)));
        kube.createCluster(namespace, "labelled", 1, Map.of());
        awaitConverged(controller, "labelled");
        ResourceKey key = new ResourceKey(namespace, "labelled");
        int before = reconciler.reconciles(key);

        kube.client().pods().inNamespace(namespace).resource(new PodBuilder()
                .withNewMetadata().withName("labelled-0").addToLabels("cluster-id", "labelled").endMetadata()
                .withNewSpec().addNewContainer().withName("qdrant").withImage("qdrant/qdrant").endContainer().endSpec()
                .build()).create();

        await().atMost(Duration.ofSeconds(5)).until(() -> reconciler.reconciles(key) > before);
    }

    @Test
    void resourcesOutsideTheWatchedNamespacesAreNeverReconciled() {
        Controller<QdrantCluster> controller = started(clusterController());
        String elsewhere = namespace + "-other";
        kube.createCluster(elsewhere, "foreign", 1, Map.of());
        controller.enqueue(new ResourceKey(elsewhere, "foreign"));
        kube.createCluster(namespace, "local", 1, Map.of());

        awaitConverged(controller, "local");

        assertThat(reconciler.reconciles(new ResourceKey(elsewhere, "foreign"))).isZero();
        assertThat(kube.client().configMaps().inNamespace(elsewhere).list().getItems()).isEmpty();
    }

    @Test
    void standbyWarmsItsCacheWithoutReconcilingUntilStarted() {
        kube.createCluster(namespace, "waiting", 1, Map.of());
        Controller<QdrantCluster> controller = clusterController().build();
        controllers.add(controller);
        assertThat(controller.hasSynced()).isFalse();

        controller.startInformers();

        await().atMost(Duration.ofSeconds(5)).until(controller::hasSynced);
        assertThat(controller.cached(new ResourceKey(namespace, "waiting"))).isPresent();
        assertThat(metrics.started).as("no worker runs before start()").hasValue(0);

        controller.start();

        awaitConverged(controller, "waiting");
        assertThat(configMap("waiting")).isNotNull();
    }

    @Test
    void requeueAfterRunsTheReconcileAgainWithoutAnyEvent() {
        AtomicInteger calls = new AtomicInteger();
        Reconciler<QdrantCluster> polling = cluster -> calls.incrementAndGet() < 3
                ? ReconcileResult.requeueAfter(Duration.ofMillis(30)) : ReconcileResult.done();
        Controller<QdrantCluster> controller = Controller.builder(operatorClient, QdrantCluster.class, polling)
                .namespaces(namespace).metrics(metrics).build();
        controllers.add(controller);
        controller.start();

        kube.createCluster(namespace, "polled", 1, Map.of());

        await().atMost(Duration.ofSeconds(5)).until(() -> metrics.outcomes.contains(ReconcileOutcome.DONE));
        assertThat(calls).hasValue(3);
        assertThat(metrics.outcomes).containsExactly(ReconcileOutcome.REQUEUE, ReconcileOutcome.REQUEUE, ReconcileOutcome.DONE);
    }

    @Test
    void watchesEveryNamespaceOfAnExplicitSet() {
        String second = namespace + "-b";
        Controller<QdrantCluster> controller = started(clusterController().namespaces(second));
        kube.createCluster(namespace, "in-first", 1, Map.of());
        kube.createCluster(second, "in-second", 1, Map.of());

        await().atMost(Duration.ofSeconds(5)).until(() -> reconciler.reconciles(new ResourceKey(namespace, "in-first")) > 0
                && reconciler.reconciles(new ResourceKey(second, "in-second")) > 0);
        assertThat(kube.client().configMaps().inNamespace(second).withName(OwnedObjectsReconciler.configMapName("in-second")).get())
                .as("owned objects are watched in every namespace too").isNotNull();
        assertThat(controller.hasSynced()).isTrue();
    }

    @Test
    void periodicResyncReconcilesAgainWithoutChanges() {
        AtomicInteger calls = new AtomicInteger();
        Controller<QdrantCluster> controller = Controller.builder(operatorClient, QdrantCluster.class, cluster -> {
                    calls.incrementAndGet();
                    return ReconcileResult.done();
                })
                .namespaces(namespace).resyncPeriod(Duration.ofSeconds(1)).build();
        controllers.add(controller);
        controller.start();
        kube.createCluster(namespace, "resynced", 1, Map.of());
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() >= 1);
        int afterCreate = calls.get();

        await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() >= afterCreate + 2);
    }

    @Test
    void stoppedControllerRefusesToRestart() {
        Controller<QdrantCluster> controller = started(clusterController());
        controller.stop();

        assertThat(controller.hasSynced()).isFalse();
        assertThatThrownBy(controller::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("build a new one");
    }

    @Test
    void cacheLookupOfAKindTheControllerDoesNotWatchIsAnError() {
        Controller<QdrantCluster> controller = started(clusterController());

        assertThatThrownBy(() -> controller.cached(Pod.class, new ResourceKey(namespace, "x")))
                .hasMessageContaining("does not watch Pod");
    }

    @Test
    void builderRejectsAClusterWideOrMisconfiguredController() {
        assertThatThrownBy(() -> Controller.builder(operatorClient, QdrantCluster.class, reconciler).build())
                .hasMessageContaining("namespace-scoped");
        assertThatThrownBy(() -> clusterController().finalizer("cleanup")).hasMessageContaining("domain-qualified");
        assertThatThrownBy(() -> clusterController().owns(ConfigMap.class)).hasMessageContaining("already watched");
        assertThatThrownBy(() -> clusterController().workers(0)).hasMessageContaining("at least 1 worker");
        assertThatThrownBy(() -> Controller.builder(operatorClient, QdrantCloudRegion.class, region -> ReconcileResult.done())
                .namespaces(namespace).build()).hasMessageContaining("cluster-scoped");
    }
}
