package io.qdranthybrid.benchmarks.agent;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.qdranthybrid.crd.QdrantCluster;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches QdrantClusters in a namespace and completes, for each name and generation awaited, a future with the
 * {@link System#nanoTime()} at which a watcher first saw that generation: "visible in the API server" as a client
 * would notice it.
 */
final class ClusterWatch implements AutoCloseable {

    private final Map<String, CompletableFuture<Long>> seen = new ConcurrentHashMap<>();
    private final Watch watch;

    ClusterWatch(KubernetesClient client, String namespace) {
        watch = client.resources(QdrantCluster.class).inNamespace(namespace).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, QdrantCluster cluster) {
                long now = System.nanoTime();
                if (action == Action.ADDED || action == Action.MODIFIED) {
                    Long generation = cluster.getMetadata().getGeneration();
                    future(cluster.getMetadata().getName(), generation == null ? 1 : generation).complete(now);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                seen.values().forEach(f -> f.completeExceptionally(new IllegalStateException("the watch closed", cause)));
            }
        });
    }

    /** Completes when {@code name} is seen at {@code generation}. */
    CompletableFuture<Long> future(String name, long generation) {
        return seen.computeIfAbsent(name + "#" + generation, key -> new CompletableFuture<>());
    }

    @Override
    public void close() {
        watch.close();
    }
}
