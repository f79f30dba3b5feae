package io.qdranthybrid.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.crd.QdrantCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Queue semantics seen through a running controller: dedupe, one worker per key, retries with backoff. */
class ControllerConcurrencyTest {

    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    private final MockKube kube = MockKube.shared();
    private final KubernetesClient client = kube.newClient();
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final String namespace = "concurrency-" + NAMESPACES.incrementAndGet();
    private final List<Controller<?>> controllers = new ArrayList<>();

    @AfterEach
    void stopControllers() {
        controllers.forEach(Controller::stop);
    }

    private Controller<QdrantCluster> start(Reconciler<QdrantCluster> reconciler, int workers) {
        Controller<QdrantCluster> controller = Controller.builder(client, QdrantCluster.class, reconciler)
                .namespaces(namespace)
                .workers(workers)
                .metrics(metrics)
                .backoff(new RetryBackoff(Duration.ofMillis(10), Duration.ofMillis(50), 0.2, new Random()))
                .build();
        controllers.add(controller);
        controller.start();
        return controller;
    }

    private void relabel(String cluster, int round) {
        kube.client().resources(QdrantCluster.class).inNamespace(namespace).withName(cluster)
                .edit(qc -> {
                    qc.getMetadata().getLabels().put("round", String.valueOf(round));
                    return qc;
                });
    }

    private static void awaitIdle(Controller<QdrantCluster> controller) {
        await().atMost(Duration.ofSeconds(5)).until(controller::isIdle);
    }

    @Test
    void burstOfEventsOnOneKeyCollapsesIntoFewReconciles() throws Exception {
        CountDownLatch firstRunEntered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger reconciles = new AtomicInteger();
        Controller<QdrantCluster> controller = start(cluster -> {
            if (reconciles.incrementAndGet() == 1) {
                firstRunEntered.countDown();
                release.await(5, TimeUnit.SECONDS);
            }
            return ReconcileResult.done();
        }, 4);
        kube.createCluster(namespace, "bursty", 1, Map.of("round", "0"));
        assertThat(firstRunEntered.await(5, TimeUnit.SECONDS)).isTrue();

        for (int round = 1; round <= 20; round++) {
            relabel("bursty", round);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> controller.cached(new ResourceKey(namespace, "bursty"))
                .map(qc -> "20".equals(qc.getMetadata().getLabels().get("round"))).orElse(false));
        release.countDown();
        awaitIdle(controller);

        // 21 events: the first run, then the 20 updates coalesced while the key was busy (one more at most if the
        // last notifications landed after the second run had started).
        assertThat(reconciles.get()).isBetween(2, 3);
    }

    @Test
    void oneKeyIsNeverReconciledByTwoWorkersAtOnce() {
        Map<String, AtomicInteger> inFlightPerKey = new ConcurrentHashMap<>();
        AtomicInteger maxPerKey = new AtomicInteger();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        AtomicInteger reconciles = new AtomicInteger();
        Controller<QdrantCluster> controller = start(cluster -> {
            AtomicInteger mine = inFlightPerKey.computeIfAbsent(cluster.getMetadata().getName(), name -> new AtomicInteger());
            maxPerKey.accumulateAndGet(mine.incrementAndGet(), Math::max);
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(15); // simulated work, widening the window in which an overlap would show
            } finally {
                mine.decrementAndGet();
                inFlight.decrementAndGet();
            }
            reconciles.incrementAndGet();
            return ReconcileResult.done();
        }, 4);
        List<String> clusters = List.of("c1", "c2", "c3", "c4");
        clusters.forEach(name -> kube.createCluster(namespace, name, 1, Map.of("round", "0")));

        for (int round = 1; round <= 5; round++) {
            for (String name : clusters) {
                relabel(name, round);
                controller.enqueue(new ResourceKey(namespace, name));
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> reconciles.get() >= clusters.size());
        awaitIdle(controller);

        assertThat(maxPerKey).as("the same key on two workers").hasValue(1);
        assertThat(maxInFlight.get()).as("different keys do run in parallel, so an overlap would have been seen")
                .isBetween(2, 4);
    }

    @Test
    void failingReconcileIsRetriedWithBackoffUntilItSucceeds() {
        AtomicInteger attempts = new AtomicInteger();
        start(cluster -> {
            if (attempts.incrementAndGet() <= 3) {
                throw new IllegalStateException("Qdrant API unreachable (attempt " + attempts.get() + ")");
            }
            return ReconcileResult.done();
        }, 2);

        kube.createCluster(namespace, "flaky", 1, Map.of());

        await().atMost(Duration.ofSeconds(5)).until(() -> metrics.outcomes.contains(ReconcileOutcome.DONE));
        assertThat(attempts).hasValue(4);
        assertThat(metrics.outcomes).containsExactly(
                ReconcileOutcome.ERROR, ReconcileOutcome.ERROR, ReconcileOutcome.ERROR, ReconcileOutcome.DONE);
        assertThat(metrics.errors).hasSize(3).allSatisfy(error -> assertThat(error).hasMessageContaining("unreachable"));
    }
}
