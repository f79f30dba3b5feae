package io.qdranthybrid.benchmarks.agent;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.crd.QdrantCluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The floor under the agent's resync figure: the same change of every resource's spec, made by a plain client that
 * already holds every object (as the agent's cache does) and only sends one update per resource, timed until the
 * watcher sees each at its new generation. What remains is the simulated API server's own cost per write on these
 * cores, which no agent can go below.
 */
final class ResyncFloor {

    private ResyncFloor() {
    }

    /** Milliseconds to change every QdrantCluster of {@code namespace} to {@code size} nodes with {@code threads} writers. */
    static double millis(KubernetesClient client, ClusterWatch watch, String namespace, int size, int threads,
                         Duration wait) throws Exception {
        List<QdrantCluster> current = client.resources(QdrantCluster.class).inNamespace(namespace).list().getItems();
        List<CompletableFuture<Long>> visible = new ArrayList<>();
        for (QdrantCluster cluster : current) {
            visible.add(watch.future(cluster.getMetadata().getName(), cluster.getMetadata().getGeneration() + 1));
            cluster.getSpec().setSize(size);
        }
        ExecutorService writers = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<?>> writes = new ArrayList<>();
            for (QdrantCluster cluster : current) {
                writes.add(writers.submit(() -> client.resource(cluster).update()));
            }
            for (Future<?> write : writes) {
                write.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            }
            CompletableFuture.allOf(visible.toArray(CompletableFuture[]::new)).get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return (System.nanoTime() - start) / 1e6;
        } finally {
            writers.shutdownNow();
        }
    }
}
