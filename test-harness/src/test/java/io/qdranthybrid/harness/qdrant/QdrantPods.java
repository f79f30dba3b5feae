package io.qdranthybrid.harness.qdrant;

import io.qdranthybrid.harness.runtime.ContainerLaunch;
import io.qdranthybrid.harness.runtime.RunningContainer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * A {@link SimulatedQdrant} per test, closed after it, and hand-built container launches standing in for
 * the simulated kubelet: pods {@code <cluster>-<ordinal>} with the {@code cluster-id} label and a volume
 * {@code pv-<cluster>-<ordinal>} at /qdrant/storage. Register with {@code @RegisterExtension}.
 */
final class QdrantPods implements AfterEachCallback, AutoCloseable {

    static final String NAMESPACE = "qdrant";
    static final String IMAGE = "qdrant/qdrant:v1.12.3";

    private final SimulatedQdrant qdrant;

    QdrantPods() {
        this(SimulatedQdrantSettings.defaults());
    }

    QdrantPods(SimulatedQdrantSettings settings) {
        this.qdrant = new SimulatedQdrant(settings);
    }

    SimulatedQdrant qdrant() {
        return qdrant;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        qdrant.close();
    }

    static ContainerLaunch launch(String clusterId, int ordinal, String volume, Map<String, String> env, Map<String, String> files) {
        return launch(clusterId, ordinal, volume, env, files, IMAGE);
    }

    static ContainerLaunch launch(String clusterId, int ordinal, String volume, Map<String, String> env, Map<String, String> files,
                                  String image) {
        String pod = clusterId + "-" + ordinal;
        return new ContainerLaunch(NAMESPACE, pod, "uid-" + pod + "-" + System.nanoTime(),
                Map.of("cluster-id", clusterId, "app", "qdrant"), image,
                List.of("./entrypoint.sh", "--uri", "http://" + pod + "." + clusterId + "-headless." + NAMESPACE + ":6335"),
                env, files, Map.of(NodeLaunchSettings.STORAGE_PATH, volume), 0);
    }

    static String volume(String clusterId, int ordinal) {
        return "pv-" + clusterId + "-" + ordinal;
    }

    RunningContainer start(String clusterId, int ordinal) {
        return qdrant.start(launch(clusterId, ordinal, volume(clusterId, ordinal), Map.of(), Map.of()));
    }

    /** Starts a node of {@code image} with {@code env} and waits until it is ready. */
    RunningContainer startReady(String clusterId, int ordinal, String image, Map<String, String> env) {
        RunningContainer node = qdrant.start(launch(clusterId, ordinal, volume(clusterId, ordinal), env, Map.of(), image));
        awaitReady(clusterId, ordinal);
        return node;
    }

    RunningContainer startOn(String clusterId, int ordinal, String volume) {
        return qdrant.start(launch(clusterId, ordinal, volume, Map.of(), Map.of()));
    }

    /** Starts {@code size} nodes and waits until every one is ready. */
    List<RunningContainer> startCluster(String clusterId, int size) {
        List<RunningContainer> nodes = new java.util.ArrayList<>();
        for (int ordinal = 0; ordinal < size; ordinal++) {
            nodes.add(start(clusterId, ordinal));
            awaitReady(clusterId, ordinal);
        }
        return nodes;
    }

    /** Starts {@code size} ready nodes and seeds collection "docs"; shard i's first replica is on pod i. */
    SimulatedQdrantCluster seededCluster(String clusterId, int size, int shards, int replicationFactor, long points) {
        startCluster(clusterId, size);
        SimulatedQdrantCluster cluster = qdrant.cluster(NAMESPACE, clusterId);
        cluster.seedCollection("docs", shards, replicationFactor, points);
        return cluster;
    }

    QdrantHttp http(String clusterId, int ordinal) {
        URI uri = qdrant.endpoint(NAMESPACE, clusterId + "-" + ordinal)
                .orElseThrow(() -> new AssertionError("pod " + clusterId + "-" + ordinal + " runs no Qdrant container"));
        return new QdrantHttp(uri);
    }

    void awaitReady(String clusterId, int ordinal) {
        // A node that has not joined yet answers nothing, as real Qdrant, whose REST port opens after the join.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                .ignoreExceptionsInstanceOf(java.io.UncheckedIOException.class)
                .until(() -> http(clusterId, ordinal).get("/readyz").status() == 200);
    }

    long peerId(String clusterId, int ordinal) {
        return http(clusterId, ordinal).get("/cluster").result().get("peer_id").asLong();
    }
}
