package io.qdranthybrid.harness.qdrant;

import io.qdranthybrid.harness.runtime.ContainerLaunch;
import io.qdranthybrid.harness.runtime.ContainerRuntime;
import io.qdranthybrid.harness.runtime.RunningContainer;
import io.qdranthybrid.harness.runtime.VolumeData;
import io.qdranthybrid.harness.concurrent.NamedDaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * All simulated Qdrant clusters of one simulated Kubernetes cluster. As the kubelet's
 * {@link ContainerRuntime} it turns every Qdrant container start into a {@link QdrantNode} with its own
 * loopback HTTP server; as the storage layer's {@link VolumeData} it snapshots, restores and deletes
 * the data on the nodes' volumes. Tests use it to inject faults and to check that no data was lost.
 *
 * <p>Which cluster a container joins: its namespace plus the pod label {@code cluster-id} (else the pod
 * name without its ordinal). Its identity is the volume mounted at {@code /qdrant/storage}: the same
 * volume is the same peer with the same shards, a new volume a new, empty peer.
 *
 * <p>Restores keep identity: a volume restored from a snapshot carries the snapshotted peer id and
 * shards, so a node started on it joins (or bootstraps) its cluster as that peer and brings its shards
 * along. Restoring every volume of a cluster into a fresh cluster therefore serves every shard again.
 */
public final class SimulatedQdrant implements ContainerRuntime, VolumeData, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedQdrant.class);

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle plus delayed ACKs
        // add 40 ms to every response. Read once when the JDK's server classes load, so set it early.
        System.getProperties().putIfAbsent("sun.net.httpserver.nodelay", "true");
    }

    private final Object lock = new Object();
    private final VolumeStore volumes = new VolumeStore();
    private final ScheduledThreadPoolExecutor timer;
    private final ExecutorService httpExecutor;
    private final NodeProbe prober;
    private final SimulationContext sim;
    private final Map<ClusterKey, SimulatedQdrantCluster> clusters = new HashMap<>();
    private final Map<String, QdrantNode> nodesByPod = new HashMap<>();
    private final Set<String> partitionedPods = new HashSet<>();
    private volatile SimulatedQdrantSettings settings;

    public SimulatedQdrant() {
        this(SimulatedQdrantSettings.defaults());
    }

    public SimulatedQdrant(SimulatedQdrantSettings settings) {
        this.settings = settings;
        this.timer = new ScheduledThreadPoolExecutor(1, NamedDaemonThreads.named("qdrant-sim-timer"));
        this.timer.setRemoveOnCancelPolicy(true);
        // Shared by every node's HttpServer: handlers only touch memory, so a few threads serve 1,500 nodes.
        this.httpExecutor = Executors.newFixedThreadPool(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()),
                NamedDaemonThreads.named("qdrant-sim-http"));
        this.prober = new NodeProbe();
        this.sim = new SimulationContext(lock, volumes, timer, () -> this.settings);
    }

    // ---------------------------------------------------------------- ContainerRuntime

    @Override
    public RunningContainer start(ContainerLaunch launch) {
        NodeLaunchSettings node;
        try {
            node = NodeLaunchSettings.from(launch);
        } catch (IllegalArgumentException e) {
            // Qdrant exits at once on a broken config; the kubelet sees a crash loop, not an exception.
            LOG.error("Qdrant container of pod {}/{} exits at start: {}", launch.namespace(), launch.podName(), e.getMessage());
            return new ExitedAtStart(1);
        }
        String pod = podKey(launch.namespace(), launch.podName());
        synchronized (lock) {
            QdrantNode previous = nodesByPod.get(pod);
            if (previous != null && previous.isRunning()) {
                LOG.warn("Qdrant pod {} starts a container while the previous one still runs on {}", pod, previous.restUri());
            }
            SimulatedQdrantCluster cluster = clusters.computeIfAbsent(node.cluster(), key -> new SimulatedQdrantCluster(key, sim));
            QdrantNode started = QdrantNode.start(node, cluster, sim, httpExecutor, prober, partitionedPods.contains(pod));
            nodesByPod.put(pod, started);
            return started;
        }
    }

    /** The REST URL of the Qdrant container currently running in the pod; empty when none runs. */
    public Optional<URI> endpoint(String namespace, String podName) {
        synchronized (lock) {
            return runningNode(namespace, podName).flatMap(n -> n.endpoint(QdrantNode.REST_PORT));
        }
    }

    /**
     * How many times the Qdrant container running in the pod has tried to join consensus (0 when none runs): a
     * test that expects a join to keep failing waits for a retry instead of for time.
     */
    public int joinAttempts(String namespace, String podName) {
        synchronized (lock) {
            return runningNode(namespace, podName).map(QdrantNode::joinAttempts).orElse(0);
        }
    }

    /** How many kubelet probes of the httpGet {@code path} the container running in the pod has had (0 when none runs). */
    public int probesRun(String namespace, String podName, String path) {
        synchronized (lock) {
            return runningNode(namespace, podName).map(node -> node.probesRun(path)).orElse(0);
        }
    }

    // ---------------------------------------------------------------- clusters

    public Optional<SimulatedQdrantCluster> findCluster(String namespace, String clusterId) {
        synchronized (lock) {
            return Optional.ofNullable(clusters.get(new ClusterKey(namespace, clusterId)));
        }
    }

    /** @throws IllegalArgumentException when no container of that cluster was ever started */
    public SimulatedQdrantCluster cluster(String namespace, String clusterId) {
        return findCluster(namespace, clusterId).orElseThrow(() -> new IllegalArgumentException(
                "no Qdrant cluster " + namespace + "/" + clusterId + " was started; known clusters: " + clusters.keySet()));
    }

    public List<SimulatedQdrantCluster> clusters() {
        synchronized (lock) {
            return List.copyOf(clusters.values());
        }
    }

    // ---------------------------------------------------------------- faults

    /** Cuts the pod off from its peers (it still answers HTTP); lasts across container restarts until {@link #heal}. */
    public void partition(String namespace, String podName) {
        setPartitioned(namespace, podName, true);
    }

    public void heal(String namespace, String podName) {
        setPartitioned(namespace, podName, false);
    }

    /** The Qdrant process of the pod dies with a non-zero exit code; the kubelet decides whether to restart it. */
    public void crash(String namespace, String podName) {
        QdrantNode node;
        synchronized (lock) {
            node = runningNode(namespace, podName).orElseThrow(() -> new IllegalStateException(
                    "pod " + podKey(namespace, podName) + " has no running Qdrant container to crash"));
        }
        node.terminate(QdrantNode.CRASH_EXIT_CODE, "crashed (injected fault)");
    }

    /** Changes how fast shard transfers copy points, for transfers in flight too. */
    public void setTransferSpeed(long pointsPerSecond) {
        settings = settings.withTransferPointsPerSecond(pointsPerSecond);
        LOG.info("Simulated Qdrant shard transfers now copy {} points/s", pointsPerSecond);
    }

    public SimulatedQdrantSettings settings() {
        return settings;
    }

    private void setPartitioned(String namespace, String podName, boolean partitioned) {
        String pod = podKey(namespace, podName);
        Optional<QdrantNode> node;
        synchronized (lock) {
            boolean changed = partitioned ? partitionedPods.add(pod) : partitionedPods.remove(pod);
            if (!changed) {
                return;
            }
            node = runningNode(namespace, podName);
            node.ifPresent(n -> n.setPartitioned(partitioned));
        }
        LOG.info("Qdrant pod {} {}", pod, partitioned ? "partitioned from its peers" : "reconnected to its peers");
    }

    // ---------------------------------------------------------------- invariants

    /** Every data-safety violation recorded in any cluster, oldest first per cluster. */
    public List<DataLossViolation> violations() {
        List<DataLossViolation> all = new ArrayList<>();
        clusters().forEach(c -> all.addAll(c.violations()));
        return all;
    }

    /** @throws AssertionError listing every recorded violation (collection, shard, when, what), when there is any */
    public void assertNoDataLost() {
        DataLossAssertions.assertNone(violations());
    }

    // ---------------------------------------------------------------- VolumeData

    @Override
    public void snapshot(String volumeHandle, String snapshotHandle) {
        synchronized (lock) {
            volumes.snapshot(volumeHandle, snapshotHandle);
        }
        LOG.info("Snapshot {} taken of Qdrant volume {}", snapshotHandle, volumeHandle);
    }

    @Override
    public void restore(String snapshotHandle, String volumeHandle) {
        synchronized (lock) {
            volumes.restore(snapshotHandle, volumeHandle);
        }
        LOG.info("Qdrant volume {} restored from snapshot {}", volumeHandle, snapshotHandle);
    }

    @Override
    public void deleteVolume(String volumeHandle) {
        synchronized (lock) {
            if (volumes.delete(volumeHandle).isEmpty()) {
                return;
            }
            nodesByPod.values().stream().filter(n -> n.isRunning() && n.settings().volumeHandle().equals(volumeHandle))
                    .forEach(n -> LOG.warn("Qdrant volume {} deleted while pod {} still runs on it",
                            volumeHandle, n.settings().podName()));
            clusters.values().stream().filter(c -> c.usesVolume(volumeHandle)).forEach(c -> c.volumeDeleted(volumeHandle));
        }
        LOG.info("Qdrant volume {} deleted", volumeHandle);
    }

    @Override
    public void deleteSnapshot(String snapshotHandle) {
        synchronized (lock) {
            volumes.deleteSnapshot(snapshotHandle);
        }
    }

    // ---------------------------------------------------------------- lifecycle

    /** Stops every node and the shared threads. */
    @Override
    public void close() {
        List<QdrantNode> running;
        synchronized (lock) {
            running = nodesByPod.values().stream().filter(QdrantNode::isRunning).toList();
        }
        running.forEach(QdrantNode::stop);
        timer.shutdownNow();
        httpExecutor.shutdownNow();
    }

    private Optional<QdrantNode> runningNode(String namespace, String podName) {
        return Optional.ofNullable(nodesByPod.get(podKey(namespace, podName))).filter(QdrantNode::isRunning);
    }

    private static String podKey(String namespace, String podName) {
        return namespace + "/" + podName;
    }

}
