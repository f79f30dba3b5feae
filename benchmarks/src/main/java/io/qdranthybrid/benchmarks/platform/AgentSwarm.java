package io.qdranthybrid.benchmarks.platform;

import io.qdranthybrid.benchmarks.BenchmarkArgs;
import io.qdranthybrid.protocol.client.AgentConnection;
import io.qdranthybrid.protocol.client.AgentConnectionSettings;
import io.qdranthybrid.protocol.client.ConnectionListener;
import io.qdranthybrid.protocol.client.ConnectionState;
import io.qdranthybrid.protocol.client.ControlPlaneHandler;
import io.qdranthybrid.protocol.delivery.ApplyLedger;
import io.qdranthybrid.protocol.delivery.ApplyOutcome;
import io.qdranthybrid.protocol.message.AccessKey;
import io.qdranthybrid.protocol.message.Command;
import io.qdranthybrid.protocol.message.DesiredState;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The agents' side of the platform benchmark, in its own JVM so the gateway's JVM holds only the control plane: one
 * SDK {@link AgentConnection} per line of the credentials file ({@code environmentId<TAB>accessKey}), each accepting
 * every desired state and command; {@code --url} may list several replicas, comma-separated. Prints {@value #CONNECTED} once all are connected and runs until its standard
 * input closes.
 */
public final class AgentSwarm {

    public static final String NAME = "agent-swarm";
    static final String CONNECTED = "all agents connected";
    static final String APPLIED = "applied";

    private AgentSwarm() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkArgs options = BenchmarkArgs.parse(args);
        List<URI> urls = Arrays.stream(options.text("url", "").split(",")).map(URI::create).toList();
        boolean reportApplied = Boolean.parseBoolean(options.text("report-applied", "false"));
        // Agents started per second (0: all at once), as a fleet joins rather than as one restart's crowd.
        int ramp = options.integer("ramp", 0);
        List<String> credentials = Files.readAllLines(Path.of(options.text("credentials", "")), StandardCharsets.UTF_8);
        List<AgentConnection> connections = new ArrayList<>();
        for (String line : credentials) {
            String[] parts = line.split("\t");
            // Several URLs (replicas): agents are dealt out over them in turn.
            URI url = urls.get(connections.size() % urls.size());
            AgentConnection connection = new AgentConnection(
                    AgentConnectionSettings.builder(url, parts[0], AccessKey.parse(parts[1]), "benchmark")
                            .allowInsecure(true).build(),
                    new AcceptEverything(reportApplied ? parts[0] : null), ConnectionListener.NONE, new ApplyLedger());
            connections.add(connection);
            connection.start();
            if (ramp > 0) {
                Thread.sleep(1_000L / ramp); // pacing the fleet's arrival
            }
        }
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (connections.stream().anyMatch(c -> c.state() != ConnectionState.CONNECTED)) {
            if (System.nanoTime() > deadline) {
                long connected = connections.stream().filter(c -> c.state() == ConnectionState.CONNECTED).count();
                throw new IllegalStateException("only " + connected + " of " + connections.size() + " agents connected");
            }
            Thread.sleep(100); // polling the swarm's own progress
        }
        System.out.println(CONNECTED);
        System.out.flush();
        try (BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            while (stdin.readLine() != null) {
                // runs until the benchmark closes our standard input
            }
        }
        connections.forEach(AgentConnection::close);
    }

    /**
     * An agent core that applies nothing and acknowledges everything: only the protocol is exercised. With an
     * environment id it prints {@value #APPLIED} {@code <environment> <revision> <epoch µs>} for each revision after
     * the first, just before its Ack leaves.
     */
    private static final class AcceptEverything implements ControlPlaneHandler {
        private final String reportAs;

        AcceptEverything(String reportAs) {
            this.reportAs = reportAs;
        }

        @Override
        public ApplyOutcome applyDesiredState(DesiredState state) {
            if (reportAs != null && state.revision() > 1) {
                long micros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
                synchronized (System.out) {
                    System.out.println(APPLIED + " " + reportAs + " " + state.revision() + " " + micros);
                }
            }
            return ApplyOutcome.applied();
        }

        @Override
        public ApplyOutcome runCommand(Command command) {
            return ApplyOutcome.applied();
        }
    }
}
