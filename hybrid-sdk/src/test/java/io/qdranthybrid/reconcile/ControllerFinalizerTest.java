package io.qdranthybrid.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.crd.QdrantCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Cleanup on deletion through a finalizer the controller manages. */
class ControllerFinalizerTest {

    private static final AtomicInteger NAMESPACES = new AtomicInteger();
    private static final String FINALIZER = "qdrant.io/test-cleanup";

    private final MockKube kube = MockKube.shared();
    private final KubernetesClient client = kube.newClient();
    private final String namespace = "finalizer-" + NAMESPACES.incrementAndGet();
    private final List<ResourceKey> reconciled = new CopyOnWriteArrayList<>();
    private final List<ResourceKey> cleanups = new CopyOnWriteArrayList<>();
    private final AtomicInteger cleanupFailuresLeft = new AtomicInteger();
    private Controller<QdrantCluster> controller;

    @AfterEach
    void stopController() {
        if (controller != null) {
            controller.stop();
        }
    }

    private final Reconciler<QdrantCluster> reconciler = new Reconciler<>() {
        @Override
        public ReconcileResult reconcile(QdrantCluster cluster) {
            reconciled.add(ResourceKey.of(cluster));
            return ReconcileResult.done();
        }

        @Override
        public ReconcileResult cleanup(QdrantCluster cluster) {
            cleanups.add(ResourceKey.of(cluster));
            if (cleanupFailuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("snapshot bucket unreachable");
            }
            return ReconcileResult.done();
        }
    };

    private void startController() {
        controller = Controller.builder(client, QdrantCluster.class, reconciler)
                .namespaces(namespace)
                .workers(1)
                .finalizer(FINALIZER)
                .backoff(new RetryBackoff(Duration.ofMillis(10), Duration.ofMillis(50), 0.2, new Random()))
                .build();
        controller.start();
    }

    private QdrantCluster stored(String name) {
        return kube.client().resources(QdrantCluster.class).inNamespace(namespace).withName(name).get();
    }

    @Test
    void finalizerIsAddedOnFirstReconcileAndRemovedAfterCleanupOnDelete() {
        startController();
        kube.createCluster(namespace, "doomed", 1, Map.of());
        await().atMost(Duration.ofSeconds(5)).until(() -> stored("doomed").getMetadata().getFinalizers().contains(FINALIZER));

        kube.client().resources(QdrantCluster.class).inNamespace(namespace).withName("doomed").delete();

        await().atMost(Duration.ofSeconds(5)).until(() -> stored("doomed") == null);
        assertThat(cleanups).containsExactly(new ResourceKey(namespace, "doomed"));
    }

    @Test
    void failedCleanupKeepsTheFinalizerAndIsRetried() {
        cleanupFailuresLeft.set(2);
        startController();
        kube.createCluster(namespace, "stubborn", 1, Map.of());
        await().atMost(Duration.ofSeconds(5)).until(() -> stored("stubborn").getMetadata().getFinalizers().contains(FINALIZER));

        kube.client().resources(QdrantCluster.class).inNamespace(namespace).withName("stubborn").delete();

        await().atMost(Duration.ofSeconds(5)).until(() -> stored("stubborn") == null);
        assertThat(cleanups).hasSize(3);
    }

    @Test
    void deletedResourceWithoutOurFinalizerIsDroppedWithoutCleanup() {
        QdrantCluster held = kube.createCluster(namespace, "held", 1, Map.of());
        held.getMetadata().setFinalizers(List.of("example.com/someone-else"));
        kube.client().resource(held).update();
        kube.client().resource(held).delete();
        assertThat(stored("held").getMetadata().getDeletionTimestamp()).isNotNull();

        startController();
        await().atMost(Duration.ofSeconds(5)).until(controller::hasSynced);
        // With one worker and a FIFO queue, "held" (listed at start) is processed before "later".
        kube.createCluster(namespace, "later", 1, Map.of());
        await().atMost(Duration.ofSeconds(5)).until(() -> reconciled.contains(new ResourceKey(namespace, "later")));

        assertThat(reconciled).containsOnly(new ResourceKey(namespace, "later"));
        assertThat(cleanups).isEmpty();
        assertThat(stored("held").getMetadata().getFinalizers()).containsExactly("example.com/someone-else");
    }
}
