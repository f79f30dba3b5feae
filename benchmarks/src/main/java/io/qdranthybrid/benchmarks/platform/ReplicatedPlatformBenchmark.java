package io.qdranthybrid.benchmarks.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.qdranthybrid.benchmarks.BenchmarkArgs;
import io.qdranthybrid.benchmarks.ChildJvm;
import io.qdranthybrid.benchmarks.Memory;
import io.qdranthybrid.benchmarks.Percentiles;
import io.qdranthybrid.benchmarks.report.BenchmarkRun;
import io.qdranthybrid.benchmarks.report.ReportWriter;
import io.qdranthybrid.benchmarks.report.Target;
import io.qdranthybrid.platform.access.AccessKeys;
import io.qdranthybrid.platform.desired.DesiredStateStores;
import io.qdranthybrid.platform.environment.Environment;
import io.qdranthybrid.platform.environment.EnvironmentConfiguration;
import io.qdranthybrid.platform.postgres.PostgresAccessKeyStore;
import io.qdranthybrid.platform.postgres.PostgresDesiredStateRepository;
import io.qdranthybrid.platform.postgres.PostgresEnvironmentRegistry;
import io.qdranthybrid.platform.postgres.PostgresPlatformDatabase;
import io.qdranthybrid.protocol.message.ResourceKind;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 4b, the platform as two replicas: the sample platform's Micronaut/Netty server on PostgreSQL, twice, each
 * in its own child JVM, behind a TCP load balancer that deals agents out to them in turn; the agents (SDK
 * {@code AgentConnection}s, {@link AgentSwarm}) in further child JVMs, 1,000 each, or with {@code --agents thin} the
 * {@link ThinAgentSwarm} load generator (the real protocol on a few threads, for 10,000 sessions on one machine).
 * Three measurements in one run:
 * <ol>
 *   <li>sessions: heap after GC, threads, heartbeat CPU and database connections per replica with all agents on;</li>
 *   <li>delivery: changes asked for on replica A for agents connected to replica B, at a steady rate: time from the
 *       SDK call on A to the agent applying it (its Ack leaves right after), lost and doubled changes;</li>
 *   <li>failover: replica B killed (no clean stop) while changes for its agents keep coming through A: time until
 *       every agent is connected to A, connection attempts per second meanwhile, changes lost.</li>
 * </ol>
 * Options: {@code --sessions 2000} {@code --heartbeat 1s} {@code --window 30s} {@code --rate 100} {@code --delivery
 * 60s} {@code --ramp 100} (agents joining per second) {@code --agents sdk} (or {@code thin}) {@code --agents-per-jvm 1000}
 * {@code --jdbc-url} (an external PostgreSQL; embedded by
 * default) {@code --user} {@code --password}.
 */
public final class ReplicatedPlatformBenchmark {

    public static final String NAME = "platform-replicas";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration IDLE_WINDOW = Duration.ofSeconds(10);
    private static final Duration CONNECT_DEADLINE = Duration.ofMinutes(10);

    private ReplicatedPlatformBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkArgs options = BenchmarkArgs.parse(args);
        int sessions = options.integer("sessions", 2000);
        Duration heartbeat = options.duration("heartbeat", Duration.ofSeconds(1));
        Duration window = options.duration("window", Duration.ofSeconds(30));
        int rate = options.integer("rate", 100);
        Duration deliveryTime = options.duration("delivery", Duration.ofSeconds(60));
        int ramp = options.integer("ramp", 100);
        AgentMode agents = AgentMode.named(options.text("agents", "sdk"));
        int perJvm = options.integer("agents-per-jvm", 1_000);
        // Past about 9,900 sessions the balancer's two sockets a session exceed this machine's 20,000 descriptors a
        // process: thin agents may then dial the replicas directly, half each, the next one after a lost session.
        boolean direct = Boolean.parseBoolean(options.text("direct", "false"));
        if (direct && agents != AgentMode.THIN) {
            throw new IllegalArgumentException("--direct needs --agents thin (SDK agents keep one URL)");
        }
        BenchmarkRun run = new BenchmarkRun(NAME, "Platform on PostgreSQL: " + sessions
                + " agent sessions on two replicas of the sample's Micronaut server; delivery across replicas; failover",
                "mvn -B -q -pl benchmarks -am package -DskipTests && java -jar benchmarks/target/benchmarks.jar " + NAME
                        + " --sessions " + sessions + " --heartbeat " + heartbeat.toMillis() + "ms --window "
                        + window.toSeconds() + "s --rate " + rate + " --delivery " + deliveryTime.toSeconds() + "s --ramp "
                        + ramp + (agents == AgentMode.SDK ? "" : " --agents " + agents.option + " --agents-per-jvm "
                        + perJvm) + (direct ? " --direct true" : ""));

        EmbeddedPostgres embedded = null;
        String jdbcUrl = options.text("jdbc-url", "");
        String user = options.text("user", "postgres");
        String password = options.text("password", "postgres");
        if (jdbcUrl.isEmpty()) {
            embedded = EmbeddedPostgres.builder().start();
            jdbcUrl = embedded.getJdbcUrl("postgres", "postgres");
        }
        Path work = Files.createTempDirectory("platform-replicas");
        List<ChildJvm> swarms = new ArrayList<>();
        List<String> environments;
        try {
            environments = seed(jdbcUrl, user, password, sessions, work);
            List<String> replicaJvm = List.of("-Xmx512m", "-Xss512k");
            try (ReplicaProcess a = ReplicaProcess.start("a", jdbcUrl, user, password, heartbeat, replicaJvm);
                 ReplicaProcess b = ReplicaProcess.start("b", jdbcUrl, user, password, heartbeat, replicaJvm);
                 LoadBalancer balancer = new LoadBalancer(List.of(a.address(), b.address()))) {
                ReplicaProcess.Stats idleA0 = a.stats();
                ReplicaProcess.Stats idleB0 = b.stats();
                Thread.sleep(IDLE_WINDOW.toMillis()); // the idle CPU baseline's window
                double idleA = cpuShare(idleA0, a.stats(), IDLE_WINDOW);
                double idleB = cpuShare(idleB0, b.stats(), IDLE_WINDOW);

                String url = direct ? a.agentUrl() + "," + b.agentUrl()
                        : URI.create("ws://127.0.0.1:" + balancer.port() + a.agentUrl().getPath()).toString();
                int swarmCount = (sessions + perJvm - 1) / perJvm;
                for (int from = 0; from < sessions; from += perJvm) {
                    Path credentials = work.resolve("agents-" + from + ".tsv");
                    Files.write(credentials, Files.readAllLines(work.resolve("credentials.tsv"))
                            .subList(from, Math.min(sessions, from + perJvm)));
                    swarms.add(ChildJvm.start(agents.swarm, agents.jvmOptions, "--url",
                            url, "--credentials", credentials.toString(), "--report-applied", "true",
                            "--ramp", String.valueOf(Math.max(1, ramp / swarmCount))));
                }
                long connectStart = System.nanoTime();
                awaitSessions(a, b, sessions, swarms);
                run.figure("time until all sessions were established", (System.nanoTime() - connectStart) / 1e9, "s");
                Thread.sleep(heartbeat.multipliedBy(3).toMillis()); // let handshakes and first heartbeats settle
                sessionFigures(run, a, b, idleA, idleB, window, heartbeat, jdbcUrl, user, password);
                swarms.forEach(ChildJvm::drain);

                Path environmentsFile = work.resolve("environments.txt");
                Files.write(environmentsFile, environments);
                Path onB = work.resolve("on-b.txt");
                b.held(environmentsFile, onB);
                List<String> agentsOnB = Files.readAllLines(onB);
                delivery(run, a, swarms, agentsOnB, rate, deliveryTime);
                failover(run, a, b, direct ? null : balancer, swarms, agentsOnB, sessions);
                for (ChildJvm swarm : swarms) {
                    swarm.close(); // agents first, so that they do not retry against a closed balancer
                }
            }
        } finally {
            for (ChildJvm swarm : swarms) {
                swarm.close();
            }
            if (embedded != null) {
                embedded.close();
            }
        }
        run.target(Target.below("replica A heap after GC", 512));
        run.target(Target.below("replica B heap after GC", 512));
        run.target(Target.below("delivery p99 (SDK call on A to the agent on B)", 200));
        run.target(Target.exactly("delivery: changes lost", 0));
        run.target(Target.exactly("delivery: revisions applied twice", 0));
        run.target(Target.exactly("failover: changes lost", 0));
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        run.note(agents.description(sessions, perJvm));
        run.note("Everything on one machine: PostgreSQL (embedded, default settings), two replica JVMs (-Xmx512m), "
                + "the agent JVMs" + (direct ? "" : " and the load balancer") + " share its cores. This run's machine was shared with other "
                + "engineers' builds (load average " + String.format("%.1f", load) + " at the end): CPU and latency "
                + "figures are noisy and pessimistic.");
        run.note("Heap after GC: each replica's heap in use after full collections with all sessions established. "
                + "Threads: the replica JVM's live threads (Netty's event loops serve every connection). Database "
                + "connections: Hikari's pool per replica (at most 10, whatever the sessions) and pg_stat_activity's "
                + "count for the database, which also holds each replica's LISTEN connection.");
        run.note("Agents joined at " + ramp + " per second" + (direct
                ? ", dialling the replicas directly (half each; no balancer: its two sockets a session would pass this "
                + "machine's 20,000 file descriptors a process)." : ". All 2,000 SDK agents at once, on this machine, "
                + "timed out in their handshakes (each reads and writes the stores several times) and dialled again "
                + "in a storm."));
        run.note("Heartbeat CPU: each replica's CPU time over the window minus its idle rate measured for "
                + IDLE_WINDOW.toSeconds() + " s before any agent connected; heartbeats every " + heartbeat.toMillis()
                + " ms, so the share at the default 15 s interval is 1/15 of it per second of interval.");
        run.note("Delivery: the replicas and the agents stamp the wall clock of the same machine: the SDK call "
                + "(DesiredStateStore.put on A, a transaction with NOTIFY) to the agent's ControlPlaneHandler applying "
                + "it on B's session (the Ack is sent as it returns). A change counts as delivered by the first "
                + "revision at or above its own that the agent applied.");
        run.note("Failover: the agents use the SDK's default reconnect backoff (first retry uniform over 20 s after a "
                + "session that lasted, to spread a crowd; the thin agents draw the same spread); " + (direct
                ? "without a balancer the thin agents dial the other replica and no one counts the attempts."
                : "attempts are connections the load balancer accepted."));
        run.finish();
        System.out.println("written " + ReportWriter.inDefaultDirectory().write(run));
    }

    /** Which agents hold the sessions: the product's SDK agents, or the thin load generator. */
    private enum AgentMode {
        SDK("sdk", AgentSwarm.NAME, List.of("-Xmx1g", "-Xss256k")),
        THIN("thin", ThinAgentSwarm.NAME, List.of("-Xmx768m", "-Xss256k"));

        final String option;
        final String swarm;
        final List<String> jvmOptions;

        AgentMode(String option, String swarm, List<String> jvmOptions) {
            this.option = option;
            this.swarm = swarm;
            this.jvmOptions = jvmOptions;
        }

        static AgentMode named(String option) {
            for (AgentMode mode : values()) {
                if (mode.option.equals(option)) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("--agents is 'sdk' or 'thin', not '" + option + "'");
        }

        String description(int sessions, int perJvm) {
            String jvms = ((sessions + perJvm - 1) / perJvm) + " child JVMs of up to " + perJvm;
            return this == SDK
                    ? "Agents (--agents sdk): the SDK's AgentConnection, the product's agent protocol client, one per "
                    + "session, in " + jvms + " each."
                    : "Agents (--agents thin): a load generator, not the product's agent: ThinAgentSwarm speaks the "
                    + "real protocol with the SDK's codec (Hello with the environment's key, heartbeats at the "
                    + "Welcome's interval, an Ack with the revision for each desired state) over java.net.http "
                    + "WebSockets that share one selector thread, in " + jvms + " each; the SDK agent's three "
                    + "threads a session do not fit 10,000 sessions on this machine. The replicas under test are "
                    + "the same sample servers on PostgreSQL either way.";
        }
    }

    /** Environments, keys and one desired cluster each, written to the database as any replica would. */
    private static List<String> seed(String jdbcUrl, String user, String password, int sessions, Path work)
            throws Exception {
        List<String> environments = new ArrayList<>();
        try (HikariDataSource pool = PostgresPlatformDatabase.pool(jdbcUrl, user, password, 4)) {
            PostgresPlatformDatabase.migrate(pool);
            PostgresEnvironmentRegistry registry = new PostgresEnvironmentRegistry(pool);
            AccessKeys keys = new AccessKeys(new PostgresAccessKeyStore(pool), Clock.systemUTC());
            DesiredStateStores stores = new DesiredStateStores(registry, new PostgresDesiredStateRepository(pool));
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < sessions; i++) {
                Environment environment = registry.create("env-" + i, "qdrant", EnvironmentConfiguration.defaults());
                String key = keys.issue(environment.id()).reveal();
                stores.forEnvironment(environment.id()).put(ResourceKind.CLUSTER, "cluster-" + i, JSON.readTree("""
                        {"apiVersion":"qdrant.io/v1","kind":"QdrantCluster",
                         "metadata":{"name":"cluster-%d","namespace":"qdrant"},
                         "spec":{"id":"c%d","version":"v1.12.3","size":3}}""".formatted(i, i)));
                environments.add(environment.id());
                lines.append(environment.id()).append('\t').append(key).append('\n');
            }
            Files.writeString(work.resolve("credentials.tsv"), lines, StandardCharsets.UTF_8);
        }
        return environments;
    }

    private static void awaitSessions(ReplicaProcess a, ReplicaProcess b, int sessions, List<ChildJvm> swarms)
            throws Exception {
        long deadline = System.nanoTime() + CONNECT_DEADLINE.toNanos();
        while (a.stats().sessions() + b.stats().sessions() < sessions) {
            if (System.nanoTime() > deadline || swarms.stream().anyMatch(s -> !s.isAlive())) {
                throw new IllegalStateException("only " + (a.stats().sessions() + b.stats().sessions()) + " of "
                        + sessions + " sessions established");
            }
            swarms.forEach(ChildJvm::drain);
            Thread.sleep(1_000); // polling the replicas' session counts
        }
    }

    private static void sessionFigures(BenchmarkRun run, ReplicaProcess a, ReplicaProcess b, double idleA,
                                       double idleB, Duration window, Duration heartbeat, String jdbcUrl, String user,
                                       String password) throws Exception {
        ReplicaProcess.Stats a0 = a.stats();
        ReplicaProcess.Stats b0 = b.stats();
        Thread.sleep(window.toMillis()); // the heartbeat window itself
        ReplicaProcess.Stats a1 = a.stats();
        ReplicaProcess.Stats b1 = b.stats();
        for (var replica : List.of(new Object[]{"A", a1, cpuShare(a0, a1, window), idleA},
                new Object[]{"B", b1, cpuShare(b0, b1, window), idleB})) {
            String name = (String) replica[0];
            ReplicaProcess.Stats stats = (ReplicaProcess.Stats) replica[1];
            double busy = (double) replica[2];
            double idle = (double) replica[3];
            run.figure("replica " + name + " sessions", stats.sessions(), "");
            run.figure("replica " + name + " heap after GC", Memory.mib(stats.heapBytes()), "MiB");
            run.figure("replica " + name + " threads", stats.threads(), "");
            run.figure("replica " + name + " CPU during the heartbeat window", busy * 100, "% of one core");
            run.figure("replica " + name + " heartbeat CPU above idle", Math.max(0, busy - idle) * 100,
                    "% of one core");
            run.figure("replica " + name + " heartbeat CPU per session exchange",
                    Math.max(0, busy - idle) * heartbeat.toNanos() / 1000.0 / Math.max(1, stats.sessions()), "µs");
            run.figure("replica " + name + " pool connections", stats.poolConnections(), "");
        }
        run.figure("database connections (pg_stat_activity)", databaseConnections(jdbcUrl, user, password), "");
        // The machine's whole run queue (agents, PostgreSQL, other builds): what the CPU figures are measured under.
        run.figure("load average (1 min) at the end of the heartbeat window",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), "");
    }

    private static void delivery(BenchmarkRun run, ReplicaProcess a, List<ChildJvm> swarms, List<String> agentsOnB,
                                 int rate, Duration time) throws Exception {
        DeliveryLedger ledger = new DeliveryLedger();
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        long total = time.toSeconds() * rate;
        for (long i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait); // pacing the changes at the asked rate
            }
            a.put(agentsOnB.get((int) (i % agentsOnB.size())), "change-" + i);
            if (i % rate == 0) {
                collect(ledger, a, swarms);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        do {
            Thread.sleep(500); // collecting answers that are still on their way
            collect(ledger, a, swarms);
        } while ((ledger.askedCount() < total || ledger.result().lost() > 0) && System.nanoTime() < deadline);
        DeliveryLedger.Result result = ledger.result();
        run.figure("delivery: changes asked for on A", total, "");
        run.figure("delivery: agents on B receiving them", agentsOnB.size(), "");
        run.figure("delivery p50 (SDK call on A to the agent on B)", Percentiles.of(result.latenciesMillis(), 50), "ms");
        run.figure("delivery p99 (SDK call on A to the agent on B)", Percentiles.of(result.latenciesMillis(), 99), "ms");
        run.figure("delivery max", result.latenciesMillis()[result.latenciesMillis().length - 1], "ms");
        run.figure("delivery: changes lost", result.lost() + (total - ledger.askedCount()), "");
        run.figure("delivery: revisions applied twice", result.doubled(), "");
    }

    private static void failover(BenchmarkRun run, ReplicaProcess a, ReplicaProcess b, LoadBalancer balancer,
                                 List<ChildJvm> swarms, List<String> agentsOnB, int sessions) throws Exception {
        DeliveryLedger ledger = new DeliveryLedger();
        collect(ledger, a, swarms);
        ledger = new DeliveryLedger();
        long acceptedBefore = balancer == null ? 0 : balancer.accepted();
        long killedAt = System.nanoTime();
        b.kill();
        // Changes for B's agents while they have no session: they must arrive once the agents are on A.
        for (int i = 0; i < agentsOnB.size(); i++) {
            a.put(agentsOnB.get(i), "while-failing-over-" + i);
        }
        List<Double> attemptsPerSecond = new ArrayList<>();
        long lastAccepted = acceptedBefore;
        long lastSample = killedAt;
        long nextSecond = killedAt + TimeUnit.SECONDS.toNanos(1);
        long deadline = killedAt + CONNECT_DEADLINE.toNanos();
        int onA = 0;
        while (onA < sessions && System.nanoTime() < deadline) {
            Thread.sleep(100); // sampling the failover as it happens
            long now = System.nanoTime();
            if (now >= nextSecond) {
                // A rate over the sample's real length: the first one also spans the kill and the puts.
                long accepted = balancer == null ? 0 : balancer.accepted();
                attemptsPerSecond.add((accepted - lastAccepted) / ((now - lastSample) / 1e9));
                lastAccepted = accepted;
                lastSample = now;
                nextSecond = now + TimeUnit.SECONDS.toNanos(1);
                onA = a.stats().sessions();
            }
            collect(ledger, a, swarms);
        }
        double seconds = (System.nanoTime() - killedAt) / 1e9;
        long deliveredDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (ledger.result().lost() > 0 && System.nanoTime() < deliveredDeadline) {
            Thread.sleep(500); // the last changes are on their way to reconnected agents
            collect(ledger, a, swarms);
        }
        long attempts = balancer == null ? 0 : balancer.accepted() - acceptedBefore;
        run.figure("failover: agents that were on B", agentsOnB.size(), "");
        run.figure("failover: time until all agents were on A", seconds, "s");
        run.figure("failover: sessions on A at the end", onA, "");
        if (balancer != null) { // dialling the replicas directly, no one counts the attempts
            run.figure("failover: connection attempts", attempts, "");
            run.figure("failover: connection attempts per second, mean", attempts / seconds, "/s");
            run.figure("failover: connection attempts per second, peak",
                    attemptsPerSecond.stream().mapToDouble(Double::doubleValue).max().orElse(0), "/s");
        }
        run.figure("failover: changes asked for on A during it", agentsOnB.size(), "");
        run.figure("failover: changes lost", ledger.result().lost() + (agentsOnB.size() - ledger.askedCount()), "");
    }

    private static void collect(DeliveryLedger ledger, ReplicaProcess a, List<ChildJvm> swarms) {
        a.drain().forEach(ledger::record);
        swarms.forEach(swarm -> swarm.drain().forEach(ledger::record));
    }

    private static double cpuShare(ReplicaProcess.Stats before, ReplicaProcess.Stats after, Duration window) {
        return (after.cpuNanos() - before.cpuNanos()) / (double) window.toNanos();
    }

    private static int databaseConnections(String jdbcUrl, String user, String password) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(
                     "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")) {
            result.next();
            return result.getInt(1) - 1; // not this query's own connection
        }
    }
}
