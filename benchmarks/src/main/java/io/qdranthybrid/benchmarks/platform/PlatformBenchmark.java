package io.qdranthybrid.benchmarks.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdranthybrid.benchmarks.BenchmarkArgs;
import io.qdranthybrid.benchmarks.ChildJvm;
import io.qdranthybrid.benchmarks.Memory;
import io.qdranthybrid.benchmarks.report.BenchmarkRun;
import io.qdranthybrid.benchmarks.report.ReportWriter;
import io.qdranthybrid.benchmarks.report.Target;
import io.qdranthybrid.platform.environment.Environment;
import io.qdranthybrid.platform.environment.EnvironmentConfiguration;
import io.qdranthybrid.platform.session.AgentSession;
import io.qdranthybrid.platform.session.SessionMetrics;
import io.qdranthybrid.platform.session.SessionSettings;
import io.qdranthybrid.platform.session.SessionState;
import io.qdranthybrid.protocol.message.AccessKey;
import io.qdranthybrid.protocol.message.ResourceKind;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 4, platform: N agent sessions connected at once to one {@link io.qdranthybrid.platform.session.AgentGateway}
 * over loopback WebSockets. The agents (SDK {@code AgentConnection}s, see {@link AgentSwarm}) run in a child JVM so
 * this JVM holds only the control plane. Measures the gateway JVM's heap per session and in all, and the CPU it
 * spends on heartbeats over a window in which heartbeats are the only traffic.
 *
 * <p>Options: {@code --sessions 1000} {@code --heartbeat 1s} (the interval the gateway tells agents; short, so the
 * window holds many rounds) {@code --window 30s}.
 */
public final class PlatformBenchmark {

    public static final String NAME = "platform";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlatformBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkArgs options = BenchmarkArgs.parse(args);
        int sessions = options.integer("sessions", 1000);
        Duration heartbeat = options.duration("heartbeat", Duration.ofSeconds(1));
        Duration window = options.duration("window", Duration.ofSeconds(30));
        BenchmarkRun run = new BenchmarkRun(NAME, "Platform: " + sessions + " concurrent agent sessions on one gateway",
                "mvn -B -q -pl benchmarks -am package -DskipTests && java -Xmx1g -jar benchmarks/target/benchmarks.jar "
                        + NAME + " --sessions " + sessions + " --heartbeat " + heartbeat.toMillis() + "ms --window "
                        + window.toSeconds() + "s");
        SessionSettings settings = SessionSettings.DEFAULT.withHeartbeat(heartbeat, heartbeat.multipliedBy(10));
        try (GatewayHost host = new GatewayHost(settings).start()) {
            List<String> environments = new ArrayList<>();
            Path credentials = Files.createTempFile("agent-swarm", ".tsv");
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < sessions; i++) {
                Environment environment = host.registry.create("env-" + i, "qdrant", EnvironmentConfiguration.defaults());
                AccessKey key = host.keys.issue(environment.id());
                host.stores.forEnvironment(environment.id()).put(ResourceKind.CLUSTER, "cluster-" + i, manifest(i));
                environments.add(environment.id());
                lines.append(environment.id()).append('\t').append(key.reveal()).append('\n');
            }
            Files.writeString(credentials, lines, StandardCharsets.UTF_8);
            long heapBefore = Memory.usedHeapAfterGc();
            double idleCpuShare = cpuShare(Duration.ofSeconds(10));

            try (ChildJvm swarm = ChildJvm.start(AgentSwarm.NAME, List.of("-Xmx1g", "-Xss256k"),
                    "--url", host.url().toString(), "--credentials", credentials.toString())) {
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
                while (established(host, environments) < sessions) {
                    if (System.nanoTime() > deadline || !swarm.isAlive()) {
                        throw new IllegalStateException("only " + established(host, environments) + " of " + sessions
                                + " sessions were established and had acknowledged their desired state");
                    }
                    Thread.sleep(200); // polling the gateway's state from the benchmark
                }
                Thread.sleep(heartbeat.multipliedBy(3).toMillis()); // let handshakes and first heartbeats settle
                long heapAfter = Memory.usedHeapAfterGc();
                int threads = ManagementFactory.getThreadMXBean().getThreadCount();

                long framesBefore = frames(host, environments);
                double windowCpuShare = cpuShare(window);
                long heartbeatFrames = frames(host, environments) - framesBefore;
                int stillEstablished = established(host, environments);
                // A round is one heartbeat each way per session; counted from the frames, not assumed from the interval.
                double rounds = heartbeatFrames / (2.0 * sessions);
                double heartbeatCpuMillis = Math.max(0, windowCpuShare - idleCpuShare) * window.toMillis();

                run.figure("sessions established", stillEstablished, "");
                run.figure("gateway JVM heap after GC, all sessions", Memory.mib(heapAfter), "MiB");
                run.figure("heap per session", (heapAfter - heapBefore) / (double) sessions / 1024, "KiB");
                run.figure("gateway JVM threads", threads, "");
                run.figure("heartbeat interval in the window", heartbeat.toMillis(), "ms");
                run.figure("heartbeat frames in and out in the window", heartbeatFrames, "");
                run.figure("gateway CPU while idle before sessions", idleCpuShare * 100, "% of one core");
                run.figure("gateway CPU during the heartbeat window", windowCpuShare * 100, "% of one core");
                run.figure("CPU per heartbeat round (all sessions)", heartbeatCpuMillis / rounds, "ms");
                run.figure("CPU per session heartbeat exchange", heartbeatCpuMillis * 1000 / rounds / sessions, "µs");
                run.figure("CPU share at the default 15 s interval",
                        heartbeatCpuMillis / rounds / SessionSettings.DEFAULT.heartbeatInterval().toMillis() * 100,
                        "% of one core");
                run.target(Target.below("gateway JVM heap after GC, all sessions", 512));
                run.target(Target.exactly("sessions established", sessions));
            } finally {
                Files.deleteIfExists(credentials);
            }
        }
        run.note("The gateway runs in this JVM on MockWebServer (one thread per connection, so threads grow with "
                + "sessions); the " + sessions + " agents are SDK AgentConnections in a child JVM on the same machine, "
                + "so both share the 2 cores, which other engineers' builds also use: CPU figures are noisy.");
        run.note("Heap per session: gateway JVM heap after GC with all sessions established and acknowledged, minus "
                + "before the agents connected (environments, keys and one desired QdrantCluster per environment "
                + "already created); it includes MockWebServer's and OkHttp's per-connection state.");
        run.note("Heartbeat CPU: this process's CPU time over the window minus the idle rate measured for 10 s before "
                + "any agent connected, divided into heartbeat rounds counted from the frames (in every round each "
                + "session receives a heartbeat and sends one; the gateway's ticker checks every session's timers four "
                + "times per interval). It includes WebSocket framing and one server thread per connection waking up.");
        run.finish();
        System.out.println("written " + ReportWriter.inDefaultDirectory().write(run));
    }

    /** Sessions established and holding the agent's acknowledgement of its desired state. */
    private static int established(GatewayHost host, List<String> environments) {
        int count = 0;
        for (String environment : environments) {
            if (host.gateway().sessionOf(environment)
                    .filter(s -> s.state() == SessionState.ESTABLISHED && s.acknowledgedRevision() >= 1).isPresent()) {
                count++;
            }
        }
        return count;
    }

    private static long frames(GatewayHost host, List<String> environments) {
        long total = 0;
        for (String environment : environments) {
            var session = host.gateway().sessionOf(environment);
            if (session.isPresent()) {
                SessionMetrics metrics = session.map(AgentSession::metrics).get();
                total += metrics.framesIn() + metrics.framesOut();
            }
        }
        return total;
    }

    /** This process's CPU time over {@code window} as a share of one core. */
    private static double cpuShare(Duration window) throws InterruptedException {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long wallStart = System.nanoTime();
        Thread.sleep(window.toMillis()); // the measurement window itself
        return (os.getProcessCpuTime() - cpuStart) / (double) (System.nanoTime() - wallStart);
    }

    private static JsonNode manifest(int i) throws Exception {
        return JSON.readTree("""
                {"apiVersion":"qdrant.io/v1","kind":"QdrantCluster",
                 "metadata":{"name":"cluster-%d","namespace":"qdrant","labels":{"cluster-id":"c%d"}},
                 "spec":{"id":"c%d","version":"v1.12.3","size":3}}""".formatted(i, i, i));
    }
}
