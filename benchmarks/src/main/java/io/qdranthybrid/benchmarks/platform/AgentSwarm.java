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
import java.util.ArrayList;
import java.util.List;

/**
 * The agents' side of the platform benchmark, in its own JVM so the gateway's JVM holds only the control plane: one
 * SDK {@link AgentConnection} per line of the credentials file ({@code environmentId<TAB>accessKey}), each accepting
 * every desired state and command. Prints {@value #CONNECTED} once all are connected and runs until its standard
 * input closes.
 */
public final class AgentSwarm {

    public static final String NAME = "agent-swarm";
    static final String CONNECTED = "all agents connected";

    private AgentSwarm() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkArgs options = BenchmarkArgs.parse(args);
        URI url = URI.create(options.text("url", ""));
        List<String> credentials = Files.readAllLines(Path.of(options.text("credentials", "")), StandardCharsets.UTF_8);
        List<AgentConnection> connections = new ArrayList<>();
        for (String line : credentials) {
            String[] parts = line.split("\t");
            AgentConnection connection = new AgentConnection(
                    AgentConnectionSettings.builder(url, parts[0], AccessKey.parse(parts[1]), "benchmark")
                            .allowInsecure(true).build(),
                    new AcceptEverything(), ConnectionListener.NONE, new ApplyLedger());
            connections.add(connection);
            connection.start();
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

    /** An agent core that applies nothing and acknowledges everything: only the protocol is exercised. */
    private static final class AcceptEverything implements ControlPlaneHandler {
        @Override
        public ApplyOutcome applyDesiredState(DesiredState state) {
            return ApplyOutcome.applied();
        }

        @Override
        public ApplyOutcome runCommand(Command command) {
            return ApplyOutcome.applied();
        }
    }
}
