package io.qdranthybrid.agent;

import io.qdranthybrid.protocol.codec.DecodeResult;
import io.qdranthybrid.protocol.codec.MessageCodec;
import io.qdranthybrid.protocol.message.AccessKey;
import io.qdranthybrid.protocol.message.Ack;
import io.qdranthybrid.protocol.message.AgentMessage;
import io.qdranthybrid.protocol.message.ControlPlaneMessage;
import io.qdranthybrid.protocol.message.Envelope;
import io.qdranthybrid.protocol.message.EnvironmentStatus;
import io.qdranthybrid.protocol.message.Hello;
import io.qdranthybrid.protocol.message.KubernetesEvent;
import io.qdranthybrid.protocol.message.MetricSample;
import io.qdranthybrid.protocol.message.Nack;
import io.qdranthybrid.protocol.message.ResourceStatus;
import io.qdranthybrid.protocol.message.Telemetry;
import io.qdranthybrid.protocol.message.Welcome;
import io.qdranthybrid.protocol.client.AgentConnectionSettings;
import io.qdranthybrid.protocol.session.BackoffPolicy;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A control plane for the agent's tests, on MockWebServer's WebSocket upgrade: welcomes every Hello, acknowledges
 * statuses and telemetry, records everything the agent sends, sends what a test scripts, and can crash and come back
 * on the same port.
 */
final class ScriptedControlPlane implements AutoCloseable {

    static final AccessKey KEY = AccessKey.parse(UUID.randomUUID() + "|s3cret-never-logged");

    private final MessageCodec codec = new MessageCodec(16 * 1024 * 1024);
    private final List<Envelope<AgentMessage>> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger sessions = new AtomicInteger();
    private MockWebServer server;
    private volatile WebSocket current;
    private int port;

    ScriptedControlPlane start() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        listen();
        return this;
    }

    private void listen() throws IOException {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse().withWebSocketUpgrade(new ServerSide());
            }
        });
        server.start(port);
    }

    URI url() {
        return URI.create("ws://127.0.0.1:" + port + "/agent/v1");
    }

    /** Settings that retry quickly, so outage tests stay fast. */
    AgentConnectionSettings settings(String environmentId) {
        return AgentConnectionSettings.builder(url(), environmentId, KEY, "test").allowInsecure(true)
                .backoff(new BackoffPolicy(Duration.ofMillis(50), Duration.ofMillis(300), Duration.ofSeconds(30),
                        Duration.ofMillis(100), Duration.ofSeconds(1)))
                .build();
    }

    /** Sends {@code message} on the current session; returns its envelope id. */
    String send(ControlPlaneMessage message) {
        Envelope<ControlPlaneMessage> envelope = Envelope.wrap(message, Clock.systemUTC());
        current.send(codec.encode(envelope));
        return envelope.id();
    }

    /** Drops every connection without a close handshake and stops listening, like a crashed control plane. */
    void crash() throws IOException {
        server.shutdown();
    }

    void restart() throws IOException {
        listen();
    }

    int sessions() {
        return sessions.get();
    }

    List<Hello> hellos() {
        return of(Hello.class).toList();
    }

    /** The agent's answer (Ack or Nack) to the envelope {@code id}. */
    Optional<AgentMessage> answerTo(String id) {
        return received.stream().map(Envelope::message)
                .filter(m -> (m instanceof Ack ack && id.equals(ack.ref())) || (m instanceof Nack nack && id.equals(nack.ref())))
                .findFirst();
    }

    List<ResourceStatus> statuses() {
        return of(ResourceStatus.class).toList();
    }

    List<EnvironmentStatus> environments() {
        return of(EnvironmentStatus.class).toList();
    }

    List<MetricSample> metrics() {
        return of(Telemetry.class).flatMap(t -> t.metrics().stream()).toList();
    }

    List<KubernetesEvent> events() {
        return of(Telemetry.class).flatMap(t -> t.events().stream()).toList();
    }

    /** Everything received after the {@code n}-th Hello (1-based). */
    List<AgentMessage> receivedAfterHello(int n) {
        int seen = 0;
        for (int i = 0; i < received.size(); i++) {
            if (received.get(i).message() instanceof Hello && ++seen == n) {
                return received.subList(i + 1, received.size()).stream().map(Envelope::message).toList();
            }
        }
        return List.of();
    }

    private <T extends AgentMessage> Stream<T> of(Class<T> type) {
        return received.stream().map(Envelope::message).filter(type::isInstance).map(type::cast);
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
    }

    private final class ServerSide extends WebSocketListener {
        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            current = webSocket;
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            DecodeResult<AgentMessage> result = codec.decodeFromAgent(text);
            if (!(result instanceof DecodeResult.Decoded<AgentMessage> decoded)) {
                throw new AssertionError("the agent sent an undecodable frame: " + result);
            }
            Envelope<AgentMessage> envelope = decoded.envelope();
            received.add(envelope);
            AgentMessage message = envelope.message();
            if (message instanceof Hello) {
                Welcome welcome = new Welcome(1, "session-" + (sessions.get() + 1), Duration.ofSeconds(5),
                        Duration.ofSeconds(15), 1024 * 1024);
                webSocket.send(codec.encode(Envelope.wrap(welcome, Clock.systemUTC())));
                // Counted once the Welcome is queued: a test that sees the session may send, and it arrives after.
                sessions.incrementAndGet();
            } else if (message instanceof ResourceStatus || message instanceof EnvironmentStatus
                    || message instanceof Telemetry) {
                webSocket.send(codec.encode(Envelope.wrap(Ack.of(envelope.id()), Clock.systemUTC())));
            }
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(1000, null);
        }
    }
}
