package io.qdranthybrid.harness.qdrant;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.fabric8.kubernetes.api.model.Probe;
import io.qdranthybrid.harness.runtime.ContainerLog;
import io.qdranthybrid.harness.runtime.RunningContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One start of a Qdrant container: a real HTTP server on loopback serving the REST API, which joins its
 * cluster's consensus shortly after start. Its data lives on the volume, not here, so a restart on the
 * same volume is the same peer.
 */
final class QdrantNode implements RunningContainer {

    static final int REST_PORT = 6333;
    static final int GRPC_PORT = 6334;
    static final int P2P_PORT = 6335;
    /** Exit code of a panicking Rust process, as a crashed Qdrant reports. */
    static final int CRASH_EXIT_CODE = 101;

    private static final Logger LOG = LoggerFactory.getLogger(QdrantNode.class);

    private enum State { STARTING, JOINED, REFUSED, EXITED }

    private final NodeLaunchSettings settings;
    private final SimulatedQdrantCluster cluster;
    private final SimulationContext sim;
    private final NodeProbe prober;
    /** Attempts to join consensus and probes run, so a test can wait for time to pass as the node sees it. */
    private final AtomicInteger joinAttempts = new AtomicInteger();
    private final Map<String, AtomicInteger> probesRun = new ConcurrentHashMap<>();
    private final long proposedPeerId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    private final Instant startedAt = Instant.now();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final HttpServer server;
    /** The process's stdout, in real Qdrant's tracing format; the kubelet serves it as the pod's log. */
    private final ContainerLog log = new ContainerLog();
    private volatile State state = State.STARTING;
    private volatile long peerId;
    private volatile boolean partitioned;
    /** Ready once stays ready for the life of the process, whatever consensus does later. */
    private volatile boolean becameReady;
    private volatile String refusal = "";
    private volatile String waitingFor = "joining consensus";

    private QdrantNode(NodeLaunchSettings settings, SimulatedQdrantCluster cluster, SimulationContext sim,
                       Executor httpExecutor, NodeProbe prober, boolean partitioned) {
        this.settings = settings;
        this.cluster = cluster;
        this.sim = sim;
        this.prober = prober;
        this.partitioned = partitioned;
        try {
            InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            if (settings.restTls() != null) {
                HttpsServer https = HttpsServer.create(loopback, 0);
                https.setHttpsConfigurator(new HttpsConfigurator(settings.restTls().sslContext()));
                this.server = https;
            } else {
                this.server = HttpServer.create(loopback, 0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a loopback port for Qdrant pod " + settings.podName(), e);
        }
        server.setExecutor(httpExecutor);
        server.createContext("/", new QdrantRestApi(this, cluster, sim.lock()));
    }

    static QdrantNode start(NodeLaunchSettings settings, SimulatedQdrantCluster cluster, SimulationContext sim,
                            Executor httpExecutor, NodeProbe prober, boolean partitioned) {
        QdrantNode node = new QdrantNode(settings, cluster, sim, httpExecutor, prober, partitioned);
        node.server.start();
        node.writeStartupLog();
        LOG.info("Qdrant {} pod {}/{} started on {} (volume {})", settings.version(), settings.cluster().namespace(),
                settings.podName(), node.restUri(), settings.volumeHandle());
        sim.timer().schedule(node::attemptJoin, sim.settings().get().joinDelay().toMillis(), TimeUnit.MILLISECONDS);
        return node;
    }

    /** The lines real Qdrant prints from {@code main} before it tries to join (src/main.rs, src/actix/mod.rs). */
    private void writeStartupLog() {
        logLine("INFO", "qdrant", "Version: " + settings.version() + ", build: simulated");
        logLine("INFO", "qdrant::settings", "Loaded config from " + "/qdrant/config/production.yaml");
        logLine("INFO", "qdrant", "Distributed mode - enabled, this peer URI: " + settings.p2pUri());
        logLine("INFO", "storage::content_manager::toc", "Loading collections from ./storage/collections");
        logLine("INFO", "qdrant::tonic", "Qdrant gRPC listening on " + GRPC_PORT);
        logLine("INFO", "qdrant::actix", "Qdrant HTTP listening on " + REST_PORT);
    }

    /**
     * Writes one line shaped like Qdrant's tracing output: {@code <RFC 3339 UTC, microseconds>  <LEVEL> <target>:
     * <message>} (tracing_subscriber's default format, as {@code kubectl logs} shows for a real node).
     */
    void logLine(String level, String target, String message) {
        String timestamp = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(Instant.now());
        log.write(timestamp + " " + String.format("%5s", level) + " " + target + ": " + message);
    }

    private void attemptJoin() {
        joinAttempts.incrementAndGet();
        try {
            SimulatedQdrantCluster.JoinOutcome outcome = cluster.tryJoin(this);
            if (outcome == SimulatedQdrantCluster.JoinOutcome.WAITING && isRunning()) {
                sim.timer().schedule(this::attemptJoin, sim.settings().get().retryInterval().toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (RuntimeException e) {
            // A node that cannot join would crash-loop on a real cluster; make the failure visible the same way.
            LOG.error("Qdrant pod {} failed to join cluster {}", settings.podName(), settings.cluster(), e);
            terminate(CRASH_EXIT_CODE, "join failed: " + e.getMessage());
        }
    }

    NodeLaunchSettings settings() {
        return settings;
    }

    URI restUri() {
        return URI.create((settings.restTls() != null ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort());
    }

    Instant startedAt() {
        return startedAt;
    }

    /** The joined peer id, or the id it would propose before joining. */
    long peerId() {
        return peerId != 0 ? peerId : proposedPeerId;
    }

    long proposedPeerId() {
        return proposedPeerId;
    }

    boolean isRunning() {
        return state != State.EXITED;
    }

    boolean isJoined() {
        return state == State.JOINED;
    }

    /** Answers REST requests: from the moment it joined consensus (or was refused by it) until it exits. */
    boolean isServing() {
        return state == State.JOINED || state == State.REFUSED;
    }

    int joinAttempts() {
        return joinAttempts.get();
    }

    /** Probes run of an httpGet {@code path} ("" for the other handlers). */
    int probesRun(String path) {
        AtomicInteger count = probesRun.get(path);
        return count == null ? 0 : count.get();
    }

    boolean isPartitioned() {
        return partitioned;
    }

    /**
     * {@code /readyz}: real Qdrant's health checker latches readiness; once the node has caught up with consensus
     * and loaded its shards it stays ready, through partitions and quorum loss ({@code is_ready} in
     * {@code src/common/health.rs}: "Once set to true, it should not change back to false"). Only a removed peer's
     * node, which refuses to serve, and a stopped one turn unready.
     */
    boolean isReady() {
        if (!isRunning() || state == State.REFUSED) {
            return false;
        }
        if (!becameReady && cluster.isReady(this)) {
            becameReady = true;
        }
        return becameReady;
    }

    /** Why the node is not ready, for /readyz and logs. */
    String notReadyReason() {
        return switch (state) {
            case STARTING -> waitingFor;
            case REFUSED -> refusal;
            case EXITED -> "stopped";
            case JOINED -> partitioned ? "network partition: peers are unreachable" : "consensus has no leader (no majority reachable)";
        };
    }

    /** Called with the registry's lock held, like {@link #terminate}'s state change, so an exited node stays exited. */
    void joined(long id) {
        if (state == State.EXITED) {
            return;
        }
        this.peerId = id;
        this.state = State.JOINED;
        logLine("INFO", "qdrant::consensus", "Joined consensus of cluster " + settings.cluster().clusterId()
                + " as peer " + id);
    }

    /** Still joining, for this reason; the join is retried. */
    void waiting(String reason) {
        this.waitingFor = reason;
    }

    void refuse(String reason) {
        if (state == State.EXITED) {
            return;
        }
        this.refusal = reason;
        this.state = State.REFUSED;
        logLine("ERROR", "qdrant::startup", reason);
        LOG.warn("Qdrant pod {}/{} will never be ready: {}", settings.cluster().namespace(), settings.podName(), reason);
    }

    void setPartitioned(boolean value) {
        this.partitioned = value;
        cluster.reachabilityChanged();
    }

    /** The process ends with {@code code}; idempotent. */
    void terminate(int code, String why) {
        synchronized (sim.lock()) {
            if (state == State.EXITED) {
                return;
            }
            state = State.EXITED;
        }
        if (code == 0) {
            logLine("INFO", "actix_server::server", "SIGTERM received; starting graceful shutdown");
        } else {
            logLine("ERROR", "qdrant::startup", "Panic occurred in file src/main.rs: " + why);
        }
        cluster.nodeStopped(this);
        server.stop(0);
        LOG.info("Qdrant pod {}/{} exited with code {}: {}", settings.cluster().namespace(), settings.podName(), code, why);
        exit.complete(code);
    }

    @Override
    public boolean probe(Probe probe) {
        String path = probe.getHttpGet() == null ? "" : probe.getHttpGet().getPath();
        probesRun.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        return isRunning() && prober.run(probe, this);
    }

    @Override
    public CompletionStage<Integer> exited() {
        return exit.copy();
    }

    @Override
    public void stop() {
        terminate(0, "stopped");
    }

    @Override
    public ContainerLog log() {
        return log;
    }

    @Override
    public Optional<URI> endpoint(int containerPort) {
        return containerPort == REST_PORT && isRunning() ? Optional.of(restUri()) : Optional.empty();
    }
}
