package io.qdranthybrid.benchmarks.platform;

import io.qdranthybrid.benchmarks.BenchmarkArgs;
import io.qdranthybrid.protocol.codec.DecodeResult;
import io.qdranthybrid.protocol.codec.MessageCodec;
import io.qdranthybrid.protocol.message.AccessKey;
import io.qdranthybrid.protocol.message.Ack;
import io.qdranthybrid.protocol.message.AgentMessage;
import io.qdranthybrid.protocol.message.Command;
import io.qdranthybrid.protocol.message.ControlPlaneMessage;
import io.qdranthybrid.protocol.message.DesiredState;
import io.qdranthybrid.protocol.message.DesiredStatePart;
import io.qdranthybrid.protocol.message.Envelope;
import io.qdranthybrid.protocol.message.Heartbeat;
import io.qdranthybrid.protocol.message.Hello;
import io.qdranthybrid.protocol.message.ProtocolVersions;
import io.qdranthybrid.protocol.message.Refused;
import io.qdranthybrid.protocol.message.ResyncRequest;
import io.qdranthybrid.protocol.message.Welcome;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A load generator for the replicas, not the product's agent: many agent sessions on a few threads, so that one
 * machine can hold 10,000 of them against the replicas under test. Each {@link ThinAgent} speaks the real protocol
 * with the SDK's own {@link MessageCodec} (Hello with the environment's access key, heartbeats at the interval the
 * Welcome negotiates, an Ack naming the revision for each desired state, as the SDK agent answers) over
 * {@code java.net.http}'s WebSocket, whose connections share one NIO selector thread; callbacks and timers run on two
 * shared pools. The SDK's {@code AgentConnection} costs about three threads a session (scheduler, applier, OkHttp
 * reader), which on a shared 2-core machine is what stalled 10,000 SDK agents (see {@link AgentSwarm}).
 * Same arguments and output as {@link AgentSwarm}; with several URLs, a lost session dials the next one.
 */
public final class ThinAgentSwarm {

    public static final String NAME = "thin-agent-swarm";
    private static final MessageCodec CODEC = new MessageCodec();
    private static final Clock CLOCK = Clock.systemUTC();
    /** As the SDK's first retry after a session that lasted: uniform over 20 s, to spread a crowd. */
    private static final long RECONNECT_SPREAD_MILLIS = 20_000;

    private final HttpClient http;
    private final ScheduledExecutorService timers;
    private final boolean reportApplied;
    private final AtomicInteger connected = new AtomicInteger();

    private final List<ThinAgent> agents = new ArrayList<>();

    /** Two callback threads and one timer thread for the whole swarm: no thread per session. */
    ThinAgentSwarm(boolean reportApplied) {
        this.http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(2))
                .connectTimeout(Duration.ofSeconds(30)).build();
        this.timers = Executors.newSingleThreadScheduledExecutor();
        this.reportApplied = reportApplied;
    }

    /** Starts one agent session; with several URLs the first is {@code urls[index % size]}. */
    synchronized void join(List<URI> urls, String environmentId, AccessKey accessKey) {
        ThinAgent agent = new ThinAgent(urls, agents.size() % urls.size(), environmentId, accessKey);
        agents.add(agent);
        agent.connect();
    }

    /** Sessions welcomed and not lost since. */
    int connected() {
        return connected.get();
    }

    /** Says goodbye on every session and stops dialling; the HttpClient's threads end with the JVM. */
    synchronized void close() {
        agents.forEach(ThinAgent::close);
        timers.shutdownNow();
    }

    public static void main(String[] args) throws Exception {
        BenchmarkArgs options = BenchmarkArgs.parse(args);
        List<URI> urls = Arrays.stream(options.text("url", "").split(",")).map(URI::create).toList();
        boolean reportApplied = Boolean.parseBoolean(options.text("report-applied", "false"));
        int ramp = options.integer("ramp", 0);
        List<String> credentials = Files.readAllLines(Path.of(options.text("credentials", "")), StandardCharsets.UTF_8);
        ThinAgentSwarm swarm = new ThinAgentSwarm(reportApplied);
        for (String line : credentials) {
            String[] parts = line.split("\t");
            swarm.join(urls, parts[0], AccessKey.parse(parts[1]));
            if (ramp > 0) {
                Thread.sleep(1_000L / ramp); // pacing the fleet's arrival
            }
        }
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (swarm.connected() < credentials.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + swarm.connected() + " of " + credentials.size()
                        + " agents connected");
            }
            Thread.sleep(100); // polling the swarm's own progress
        }
        System.out.println(AgentSwarm.CONNECTED);
        System.out.flush();
        try (BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            while (stdin.readLine() != null) {
                // runs until the benchmark closes our standard input
            }
        }
        swarm.close();
        System.exit(0); // the HttpClient's selector thread is not a daemon
    }

    /** One session: dial, Hello, heartbeats, Acks; on a lost connection, dial again after a spread delay. */
    private final class ThinAgent implements WebSocket.Listener {
        private final List<URI> urls;
        private int next;
        private final String environmentId;
        private final AccessKey accessKey;
        private final StringBuilder partial = new StringBuilder();
        private volatile WebSocket socket;
        private volatile boolean welcomed;
        private volatile boolean closed;
        private volatile long lastAppliedRevision;
        private ScheduledFuture<?> heartbeats;
        // java.net.http allows one outstanding send per WebSocket: sends are chained.
        private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

        ThinAgent(List<URI> urls, int first, String environmentId, AccessKey accessKey) {
            this.urls = urls;
            this.next = first;
            this.environmentId = environmentId;
            this.accessKey = accessKey;
        }

        void connect() {
            if (closed) {
                return;
            }
            URI url;
            synchronized (this) {
                url = urls.get(next);
            }
            http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                    .header("User-Agent", "qdrant-hybrid-thin-agent/benchmark")
                    .buildAsync(url, this)
                    .whenComplete((ws, failure) -> {
                        if (failure != null) {
                            lost();
                        }
                    });
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            socket = webSocket;
            send(new Hello(environmentId, accessKey, "benchmark", ProtocolVersions.SUPPORTED, lastAppliedRevision));
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                if (CODEC.decodeFromControlPlane(text) instanceof DecodeResult.Decoded<ControlPlaneMessage> decoded) {
                    received(decoded.envelope());
                }
            }
            webSocket.request(1);
            return null;
        }

        private void received(Envelope<ControlPlaneMessage> envelope) {
            ControlPlaneMessage message = envelope.message();
            if (message instanceof Welcome welcome) {
                welcomed = true;
                connected.incrementAndGet();
                long interval = welcome.heartbeatInterval().toMillis();
                synchronized (this) {
                    heartbeats = timers.scheduleAtFixedRate(() -> send(new Heartbeat()), interval, interval,
                            TimeUnit.MILLISECONDS);
                }
            } else if (message instanceof DesiredState state) {
                applied(envelope.id(), state);
            } else if (message instanceof DesiredStatePart part && part.isLast()) {
                applied(envelope.id(), part.state());
            } else if (message instanceof Command command) {
                send(Ack.ofCommand(envelope.id(), command.commandId()));
            } else if (message instanceof ResyncRequest) {
                send(Ack.of(envelope.id()));
            } else if (message instanceof Refused && socket != null) {
                socket.abort(); // the control plane closes too; dial again later as the SDK does
            }
        }

        private void applied(String ref, DesiredState state) {
            if (reportApplied && state.revision() > 1) {
                long micros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
                synchronized (System.out) {
                    System.out.println(AgentSwarm.APPLIED + " " + environmentId + " " + state.revision() + " " + micros);
                }
            }
            lastAppliedRevision = Math.max(lastAppliedRevision, state.revision());
            send(Ack.ofRevision(ref, state.revision()));
        }

        private synchronized void send(AgentMessage message) {
            WebSocket ws = socket;
            if (ws == null || ws.isOutputClosed()) {
                return;
            }
            String text = CODEC.encode(Envelope.wrap(message, CLOCK));
            sending = sending.handle((ignored, failure) -> null).thenCompose(ignored -> ws.sendText(text, true));
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            lost();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            lost();
        }

        private synchronized void lost() {
            if (heartbeats != null) {
                heartbeats.cancel(false);
                heartbeats = null;
            }
            if (welcomed) {
                welcomed = false;
                connected.decrementAndGet();
            }
            socket = null;
            partial.setLength(0);
            sending = CompletableFuture.completedFuture(null);
            // With several replicas' URLs and no balancer in front, a lost session dials the next replica.
            next = (next + 1) % urls.size();
            if (!closed) {
                timers.schedule(this::connect, ThreadLocalRandom.current().nextLong(RECONNECT_SPREAD_MILLIS),
                        TimeUnit.MILLISECONDS);
            }
        }

        synchronized void close() {
            closed = true;
            if (socket != null) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "agent shutting down");
            }
        }
    }
}
