package io.qdranthybrid.benchmarks.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.agent.CloudAgent;
import io.qdranthybrid.benchmarks.BenchmarkArgs;
import io.qdranthybrid.benchmarks.ChildJvm;
import io.qdranthybrid.benchmarks.Memory;
import io.qdranthybrid.benchmarks.Percentiles;
import io.qdranthybrid.benchmarks.platform.GatewayHost;
import io.qdranthybrid.benchmarks.report.BenchmarkRun;
import io.qdranthybrid.benchmarks.report.ReportWriter;
import io.qdranthybrid.benchmarks.report.Target;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.platform.desired.DesiredStateStore;
import io.qdranthybrid.platform.environment.Environment;
import io.qdranthybrid.platform.environment.EnvironmentConfiguration;
import io.qdranthybrid.platform.session.AgentSession;
import io.qdranthybrid.platform.session.SessionCloseCodes;
import io.qdranthybrid.platform.session.SessionSettings;
import io.qdranthybrid.platform.session.SessionState;
import io.qdranthybrid.protocol.client.AgentConnectionSettings;
import io.qdranthybrid.protocol.client.ConnectionState;
import io.qdranthybrid.protocol.message.AccessKey;
import io.qdranthybrid.protocol.message.ResourceKind;
import io.qdranthybrid.protocol.session.BackoffPolicy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Benchmark 3, agent: a real {@link CloudAgent} in a simulated cluster, dialling a real {@link io.qdranthybrid.platform.session.AgentGateway}
 * over a loopback WebSocket. Measures instruction latency (desired state put in the platform's store until a watcher
 * sees the QdrantCluster in the API server), resync of all resources after a reconnect during which every one of
 * them changed, and the heap the agent retains with them.
 *
 * <p>Options: {@code --instructions 500} {@code --warmup 50} {@code --resources 1000} (all of them, warm-up and
 * measured instructions included).
 */
public final class AgentBenchmark {

    public static final String NAME = "agent";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofMinutes(2);
    /**
     * The agent process's JVM as deploy/ runs it: a 384 MiB memory limit (MaxRAM stands in for the container's),
     * three quarters of it for the heap, the serial collector, which deploy/ names and the JVM would choose
     * anyway in a container of less than 1,792 MiB, and the C1 compiler alone.
     */
    private static final String AGENT_JVM = "-XX:MaxRAM=384m -XX:MaxRAMPercentage=75 -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    private AgentBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkArgs options = BenchmarkArgs.parse(args);
        int instructions = options.integer("instructions", 500);
        int warmup = options.integer("warmup", 50);
        int resources = Math.max(warmup + instructions, options.integer("resources", 1000));
        String agentJvm = options.text("agent-jvm", AGENT_JVM);
        BenchmarkRun run = new BenchmarkRun(NAME, "Agent: instruction latency, resync after reconnect, memory",
                "mvn -B -q -pl benchmarks -am package -DskipTests && java -Xmx2g -jar benchmarks/target/benchmarks.jar "
                        + NAME + " --instructions " + instructions + " --warmup " + warmup + " --resources " + resources);

        try (SimulatedCluster cluster = SimulatedCluster.start();
             GatewayHost host = new GatewayHost(SessionSettings.DEFAULT).start()) {
            String namespace = cluster.createNamespace("agent");
            Environment environment = host.registry.create("bench", namespace, EnvironmentConfiguration.defaults());
            AccessKey key = host.keys.issue(environment.id());
            DesiredStateStore store = host.stores.forEnvironment(environment.id());
            try (ClusterWatch watch = new ClusterWatch(cluster.client(), namespace)) {
                InJvmAgent inJvm = new InJvmAgent(cluster.newClient(namespace, "qdrant-cloud-agent"), namespace,
                        AgentConnectionSettings.builder(host.url(), environment.id(), key, "benchmark")
                                .allowInsecure(true)
                                // A fast reconnect, so the resync figure is the resync, not the production back-off.
                                .backoff(new BackoffPolicy(Duration.ofMillis(50), Duration.ofMillis(300),
                                        Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofSeconds(1)))
                                .build());
                await("agent ready and in session", () -> inJvm.agent().isReady()
                        && host.gateway().sessionOf(environment.id()).map(s -> s.state() == SessionState.ESTABLISHED).orElse(false));

                // Unreported first instructions warm the JIT along the whole path.
                instructionLatencies(store, watch, namespace, 0, warmup);
                double[] latencies = instructionLatencies(store, watch, namespace, warmup, instructions);
                Arrays.sort(latencies);
                run.figure("instructions", instructions, "");
                run.figure("instruction → CR visible, p50", Percentiles.of(latencies, 50), "ms");
                run.figure("instruction → CR visible, p99", Percentiles.of(latencies, 99), "ms");
                run.figure("instruction → CR visible, max", latencies[latencies.length - 1], "ms");
                run.target(Target.below("instruction → CR visible, p99", 200));

                bulkPut(store, watch, namespace, warmup + instructions, resources, host, environment.id());
                Resync resync = resyncAfterReconnect(host, environment.id(), store, watch, namespace, resources, inJvm.agent());
                run.figure("resources", resources, "");
                run.figure("resync of all resources after reconnect (all changed while away)", resync.totalMillis(), "ms");
                run.figure("  of which reconnecting (back-off and handshake)", resync.reconnectMillis(), "ms");
                run.target(Target.below("resync of all resources after reconnect (all changed while away)", 5000));

                long withAgent = Memory.usedHeapAfterGc();
                long residentWithAgent = Memory.residentBytes();
                inJvm.close(); // forgets the agent and its client, so the collector can take them
                long withoutAgent = Memory.usedHeapAfterGc();
                run.figure("agent retained heap with " + resources + " resources (in this JVM)",
                        Memory.mib(withAgent - withoutAgent), "MiB");
                run.figure("whole JVM resident memory (simulated cluster, gateway and agent)",
                        Memory.mib(residentWithAgent), "MiB");

                long[] process = agentInItsOwnJvm(cluster, host, namespace, environment.id(), key, store, agentJvm);
                String rss = "agent process resident memory with " + resources + " resources (own JVM, " + agentJvm + ")";
                run.figure(rss, Memory.mib(process[1]), "MiB");
                run.figure("agent process heap after GC", Memory.mib(process[0]), "MiB");
                run.figure("  its heap held from the OS (committed)", Memory.mib(process[2]), "MiB");
                run.figure("  metaspace, class space and code cache held (committed)", Memory.mib(process[3]), "MiB");
                run.figure("  its threads", process[4], "");
                run.target(Target.below(rss, 200));

                // With no agent running any more, nothing reverts these changes.
                double sequential = ResyncFloor.millis(cluster.client(), watch, namespace, 5, 1, WAIT);
                double concurrent = ResyncFloor.millis(cluster.client(), watch, namespace, 6, 4, WAIT);
                run.figure("floor: the same change of every resource as plain updates, one writer", sequential, "ms");
                run.figure("floor: the same change of every resource as plain updates, four writers", concurrent, "ms");
                run.figure("resync ÷ floor (the faster of the two)", resync.totalMillis()
                        / Math.min(sequential, concurrent), "");
            }
        }
        run.note("One JVM holds the simulated k3s API server, the platform gateway on MockWebServer and the agent; "
                + "the 2 cores are shared with other engineers' builds, so times are noisy.");
        run.note("Instruction latency: DesiredStateStore.put of a new QdrantCluster until a fabric8 watch in the same "
                + "JVM receives it: gateway push, WebSocket, agent apply through the API server, watch delivery. "
                + "One instruction at a time, after " + warmup + " unreported ones that warm the JIT.");
        run.note("Resync: the gateway cuts the session and refuses connections; every resource's spec changes in the "
                + "store; then connections are accepted again. Measured from accepting until the agent acknowledged "
                + "the latest revision and a watcher saw every resource at its new generation. The agent uses a "
                + "50–300 ms reconnect back-off here (production default is longer).");
        run.note("Floor: once the agents are gone, a plain client that already holds every QdrantCluster changes each "
                + "one's spec with one update (one writer, then four), timed until the watcher sees every new generation: "
                + "the simulated API server's own cost for that many writes on these cores, under any agent's resync.");
        run.note("Agent memory, two ways. In this JVM: heap after GC with the agent running and all resources applied, "
                + "minus heap after GC once the agent and its Kubernetes client are closed, everything else unchanged. "
                + "As a process: the same agent alone in a child JVM (" + agentJvm + ") against the same "
                + "API server and gateway, its resident set (VmRSS) read 5 s after it connected and cached all "
                + "resources; that includes the JVM's own footprint (metaspace, code cache, thread stacks).");
        run.finish();
        System.out.println("written " + ReportWriter.inDefaultDirectory().write(run));
    }

    /** Puts clusters {@code first}.. one at a time, each once the previous one is visible. */
    private static double[] instructionLatencies(DesiredStateStore store, ClusterWatch watch, String namespace, int first,
                                                 int count) throws Exception {
        double[] latencies = new double[count];
        for (int i = 0; i < count; i++) {
            String name = "qdrant-bench-" + (first + i);
            CompletableFuture<Long> visible = watch.future(name, 1);
            long start = System.nanoTime();
            store.put(ResourceKind.CLUSTER, name, manifest(namespace, first + i, 3));
            latencies[i] = (visible.get(WAIT.toMillis(), TimeUnit.MILLISECONDS) - start) / 1e6;
        }
        return latencies;
    }

    private static void bulkPut(DesiredStateStore store, ClusterWatch watch, String namespace, int from, int to,
                                GatewayHost host, String environmentId) throws Exception {
        List<CompletableFuture<Long>> visible = new ArrayList<>();
        for (int i = from; i < to; i++) {
            visible.add(watch.future("qdrant-bench-" + i, 1));
            store.put(ResourceKind.CLUSTER, "qdrant-bench-" + i, manifest(namespace, i, 3));
        }
        CompletableFuture.allOf(visible.toArray(CompletableFuture[]::new)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        await("agent acknowledged revision " + store.revision(), () -> acknowledged(host, environmentId) >= store.revision());
    }

    private static Resync resyncAfterReconnect(GatewayHost host, String environmentId, DesiredStateStore store,
                                               ClusterWatch watch, String namespace, int resources, CloudAgent agent)
            throws Exception {
        host.refuseConnections();
        AgentSession session = host.gateway().sessionOf(environmentId).orElseThrow();
        session.close(SessionCloseCodes.GOING_AWAY, "benchmark: cutting the agent off");
        await("agent disconnected", () -> agent.connectionState() != ConnectionState.CONNECTED);
        List<CompletableFuture<Long>> visible = new ArrayList<>();
        for (int i = 0; i < resources; i++) {
            visible.add(watch.future("qdrant-bench-" + i, 2));
            store.put(ResourceKind.CLUSTER, "qdrant-bench-" + i, manifest(namespace, i, 4));
        }
        long start = System.nanoTime();
        host.acceptConnections();
        await("agent reconnected", () -> host.gateway().sessionOf(environmentId)
                .map(s -> s != session && s.state() == SessionState.ESTABLISHED).orElse(false));
        long reconnected = System.nanoTime();
        CompletableFuture.allOf(visible.toArray(CompletableFuture[]::new)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        await("agent acknowledged revision " + store.revision(), () -> acknowledged(host, environmentId) >= store.revision());
        long done = System.nanoTime();
        return new Resync((done - start) / 1e6, (reconnected - start) / 1e6);
    }

    /**
     * Starts the agent alone in a JVM against the same API server and gateway (its resources already applied, so it
     * only lists and caches them) and returns its heap after GC, its resident set, the heap and non-heap memory it
     * holds and its thread count, once connected and settled.
     */
    private static long[] agentInItsOwnJvm(SimulatedCluster cluster, GatewayHost host, String namespace,
                                           String environmentId, AccessKey key, DesiredStateStore store,
                                           String jvmOptions) throws Exception {
        try (ChildJvm agent = ChildJvm.start(AgentProcess.NAME, List.of(jvmOptions.trim().split("\\s+")), "--api",
                cluster.api().url(),
                "--namespace", namespace, "--url", host.url().toString(), "--environment", environmentId,
                "--key", key.reveal())) {
            agent.awaitLine(AgentProcess.READY::equals, WAIT);
            await("the agent process acknowledged revision " + store.revision(),
                    () -> acknowledged(host, environmentId) >= store.revision());
            Thread.sleep(5_000); // lets start-up garbage and first status reports settle before reading memory
            agent.send(AgentProcess.MEASURE);
            String[] reading = agent.awaitLine(line -> line.startsWith("heap "), WAIT).split(" ");
            return new long[] {Long.parseLong(reading[1]), Long.parseLong(reading[3]), Long.parseLong(reading[5]),
                    Long.parseLong(reading[7]), Long.parseLong(reading[9])};
        }
    }

    /** The agent under test in this JVM, with its client; closing forgets both, so a heap reading can tell their size. */
    private static final class InJvmAgent implements AutoCloseable {
        private CloudAgent agent;
        private KubernetesClient client;

        InJvmAgent(KubernetesClient client, String namespace, AgentConnectionSettings settings) {
            this.client = client;
            this.agent = CloudAgent.builder(client, namespace, settings).build();
            agent.start();
        }

        CloudAgent agent() {
            return agent;
        }

        @Override
        public void close() {
            agent.close();
            client.close();
            agent = null;
            client = null;
        }
    }

    private static long acknowledged(GatewayHost host, String environmentId) {
        return host.gateway().sessionOf(environmentId).map(AgentSession::acknowledgedRevision).orElse(-1L);
    }

    private record Resync(double totalMillis, double reconnectMillis) {
    }

    static JsonNode manifest(String namespace, int i, int size) throws Exception {
        return JSON.readTree("""
                {"apiVersion":"qdrant.io/v1","kind":"QdrantCluster",
                 "metadata":{"name":"qdrant-bench-%d","namespace":"%s","labels":{"cluster-id":"bench-%d"}},
                 "spec":{"id":"bench-%d","version":"v1.12.3","size":%d}}""".formatted(i, namespace, i, i, size));
    }

    /** Polls a condition every 5 ms (a benchmark observer, not synchronisation of the code under test). */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }
}
