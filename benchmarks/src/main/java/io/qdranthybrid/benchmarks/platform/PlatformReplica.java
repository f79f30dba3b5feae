package io.qdranthybrid.benchmarks.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.qdranthybrid.benchmarks.BenchmarkArgs;
import io.qdranthybrid.benchmarks.Memory;
import io.qdranthybrid.platform.desired.DesiredStateStores;
import io.qdranthybrid.platform.session.AgentGateway;
import io.qdranthybrid.platform.session.SessionState;
import io.qdranthybrid.protocol.message.ResourceKind;
import io.qdranthybrid.samples.platform.CustomPlatform;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * One replica of the sample platform (its Micronaut/Netty server and PostgreSQL stores) in a child JVM, driven by the
 * benchmark through its standard input, one command a line, each answered with one line:
 * <ul>
 *   <li>{@code stats} → {@code stats <heap after GC bytes> <threads> <process CPU ns> <open sessions>
 *       <pool connections> <pool connections in use>}</li>
 *   <li>{@code held <environment-ids file> <output file>} → writes the ids whose agent is established here;
 *       answers {@code held <count>}</li>
 *   <li>{@code put <environment id> <resource name>} → changes the environment's desired state through the SDK here;
 *       answers {@code put <environment id> <revision> <epoch µs just before the call>}</li>
 * </ul>
 * Runs until its standard input closes (or it is killed, which is the failover benchmark's point).
 */
public final class PlatformReplica {

    public static final String NAME = "platform-replica";
    static final String LISTENING = "listening";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlatformReplica() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkArgs options = BenchmarkArgs.parse(args);
        Map<String, Object> properties = Map.of(
                "micronaut.server.host", "127.0.0.1",
                "micronaut.server.port", options.integer("port", 0),
                "datasources.default.url", options.text("jdbc-url", ""),
                "datasources.default.username", options.text("user", ""),
                "datasources.default.password", options.text("password", ""),
                "platform.replica-id", options.text("replica-id", "replica"),
                "platform.heartbeat-interval", options.text("heartbeat", "15s"));
        try (ApplicationContext context = ApplicationContext.run(EmbeddedServer.class, properties)
                .getApplicationContext()) {
            EmbeddedServer server = context.getBean(EmbeddedServer.class);
            System.out.println(LISTENING + " " + CustomPlatform.agentUrl(server));
            System.out.flush();
            serve(context);
        }
    }

    private static void serve(ApplicationContext context) throws Exception {
        AgentGateway gateway = context.getBean(AgentGateway.class);
        DesiredStateStores stores = context.getBean(DesiredStateStores.class);
        HikariDataSource pool = context.getBean(HikariDataSource.class);
        try (BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = stdin.readLine()) != null) {
                String[] words = line.trim().split(" ");
                String answer = switch (words[0]) {
                    case "stats" -> "stats " + Memory.usedHeapAfterGc() + " "
                            + ManagementFactory.getThreadMXBean().getThreadCount() + " " + cpuNanos() + " "
                            + gateway.openSessions() + " " + pool.getHikariPoolMXBean().getTotalConnections() + " "
                            + pool.getHikariPoolMXBean().getActiveConnections();
                    case "held" -> "held " + held(gateway, Path.of(words[1]), Path.of(words[2]));
                    case "put" -> {
                        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
                        long revision = stores.forEnvironment(words[1]).put(ResourceKind.CLUSTER, words[2],
                                JSON.readTree("""
                                        {"apiVersion":"qdrant.io/v1","kind":"QdrantCluster",
                                         "metadata":{"name":"%s","namespace":"qdrant"},
                                         "spec":{"id":"%s","version":"v1.12.3","size":1}}""".formatted(words[2],
                                        words[2])));
                        yield "put " + words[1] + " " + revision + " " + micros;
                    }
                    default -> "unknown command '" + line + "'";
                };
                System.out.println(answer);
                System.out.flush();
            }
        }
    }

    private static int held(AgentGateway gateway, Path environments, Path output) throws Exception {
        List<String> here = Files.readAllLines(environments).stream()
                .filter(id -> gateway.sessionOf(id).filter(s -> s.state() == SessionState.ESTABLISHED).isPresent())
                .toList();
        Files.write(output, here);
        return here.size();
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
