package io.qdranthybrid.benchmarks.platform;

import io.qdranthybrid.benchmarks.ChildJvm;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link PlatformReplica} child JVM and the commands the benchmark sends it. */
final class ReplicaProcess implements AutoCloseable {

    private static final Duration ANSWER = Duration.ofMinutes(2);

    final String name;
    private final ChildJvm jvm;
    private final URI agentUrl;
    private final List<String> skipped = new ArrayList<>();

    private ReplicaProcess(String name, ChildJvm jvm, URI agentUrl) {
        this.name = name;
        this.jvm = jvm;
        this.agentUrl = agentUrl;
    }

    /** Starts the replica and waits until its server listens. The password goes on its command line: a benchmark's. */
    static ReplicaProcess start(String name, String jdbcUrl, String user, String password, Duration heartbeat,
                                List<String> jvmOptions) throws IOException, InterruptedException {
        ChildJvm jvm = ChildJvm.start(PlatformReplica.NAME, jvmOptions, "--replica-id", name, "--jdbc-url", jdbcUrl,
                "--user", user, "--password", password, "--heartbeat", heartbeat.toMillis() + "ms");
        String listening = jvm.awaitLine(line -> line.startsWith(PlatformReplica.LISTENING + " "), ANSWER);
        return new ReplicaProcess(name, jvm, URI.create(listening.substring(PlatformReplica.LISTENING.length() + 1)));
    }

    URI agentUrl() {
        return agentUrl;
    }

    InetSocketAddress address() {
        return new InetSocketAddress(agentUrl.getHost(), agentUrl.getPort());
    }

    Stats stats() throws IOException, InterruptedException {
        jvm.send("stats");
        return Stats.parse(answer("stats "));
    }

    /** The answer starting with {@code prefix}; lines before it (answers to puts) are kept for {@link #drain()}. */
    private String answer(String prefix) throws InterruptedException {
        return jvm.awaitLine(line -> {
            if (line.startsWith(prefix)) {
                return true;
            }
            skipped.add(line);
            return false;
        }, ANSWER);
    }

    /** How many of the environments listed in {@code environments} have their agent here; their ids go to {@code out}. */
    int held(Path environments, Path out) throws IOException, InterruptedException {
        jvm.send("held " + environments + " " + out);
        return Integer.parseInt(answer("held ").substring(5).trim());
    }

    /** Asks for a change; the answer comes back among {@link #drain()}'s lines. */
    void put(String environmentId, String resourceName) throws IOException {
        jvm.send("put " + environmentId + " " + resourceName);
    }

    List<String> drain() {
        List<String> lines = new ArrayList<>(skipped);
        skipped.clear();
        lines.addAll(jvm.drain());
        return lines;
    }

    void kill() throws InterruptedException {
        jvm.kill();
    }

    boolean isAlive() {
        return jvm.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close();
    }

    /** One {@code stats} answer. */
    record Stats(long heapBytes, int threads, long cpuNanos, int sessions, int poolConnections, int poolInUse) {
        static Stats parse(String line) {
            String[] w = line.trim().split(" ");
            return new Stats(Long.parseLong(w[1]), Integer.parseInt(w[2]), Long.parseLong(w[3]),
                    Integer.parseInt(w[4]), Integer.parseInt(w[5]), Integer.parseInt(w[6]));
        }
    }
}
