package io.qdranthybrid.protocol.client;

import io.qdranthybrid.protocol.codec.DecodeResult;
import io.qdranthybrid.protocol.codec.MessageCodec;
import io.qdranthybrid.protocol.message.Ack;
import io.qdranthybrid.protocol.message.AgentMessage;
import io.qdranthybrid.protocol.message.ControlPlaneMessage;
import io.qdranthybrid.protocol.message.Envelope;
import io.qdranthybrid.protocol.message.EnvironmentStatus;
import io.qdranthybrid.protocol.message.Hello;
import io.qdranthybrid.protocol.message.Refused;
import io.qdranthybrid.protocol.message.ResourceStatus;
import io.qdranthybrid.protocol.message.Telemetry;
import io.qdranthybrid.protocol.message.Welcome;
import io.qdranthybrid.protocol.session.VersionNegotiation;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A control plane for tests on MockWebServer's WebSocket upgrade: answers Hellos through the SDK's own version
 * negotiation, acknowledges statuses, records everything the agent sends and can send, corrupt or drop at will.
 */
final class FakeControlPlane implements AutoCloseable {

    private MockWebServer server = new MockWebServer();
    private SSLSocketFactory httpsFactory;
    private final MessageCodec codec = new MessageCodec(16 * 1024 * 1024);
    final List<Envelope<AgentMessage>> received = new CopyOnWriteArrayList<>();
    final List<String> undecodable = new CopyOnWriteArrayList<>();
    final List<Integer> closeCodes = new CopyOnWriteArrayList<>();
    final AtomicInteger upgrades = new AtomicInteger();
    volatile Set<Integer> serverVersions = Set.of(1);
    volatile Function<Hello, ControlPlaneMessage> authenticator = hello -> null;
    volatile Duration heartbeatInterval = Duration.ofSeconds(5);
    volatile Duration heartbeatTimeout = Duration.ofSeconds(15);
    volatile int maxMessageBytes = 1024 * 1024;
    volatile boolean acceptConnections = true;
    volatile boolean answerHellos = true;
    private volatile WebSocket current;

    FakeControlPlane() {
        server.setDispatcher(dispatcher());
    }

    private Dispatcher dispatcher() {
        return new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (!acceptConnections) {
                    return new MockResponse().setResponseCode(503);
                }
                upgrades.incrementAndGet();
                return new MockResponse().withWebSocketUpgrade(new ServerSide());
            }
        };
    }

    FakeControlPlane useHttps(SSLSocketFactory factory) {
        httpsFactory = factory;
        server.useHttps(factory, false);
        return this;
    }

    FakeControlPlane start() throws IOException {
        // A fixed port makes MockWebServer set SO_REUSEADDR, so restart() can bind it again right after a crash.
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        server.start(port);
        return this;
    }

    URI url(String scheme) {
        return URI.create(scheme + "://" + server.getHostName() + ":" + server.getPort() + "/agent/v1");
    }

    int port() {
        return server.getPort();
    }

    /** Sends {@code message} on the current session and returns its envelope id. */
    String send(ControlPlaneMessage message) {
        Envelope<ControlPlaneMessage> envelope = Envelope.wrap(message, Clock.systemUTC());
        sendRaw(codec.encode(envelope));
        return envelope.id();
    }

    void sendRaw(String text) {
        current.send(text);
    }

    /** Stops the server and drops every connection without a close handshake, like a crashed control plane. */
    void crash() throws IOException {
        server.shutdown();
    }

    /** Starts again on the same port, as a restarted control plane would. */
    void restart() throws IOException {
        int port = server.getPort();
        server = new MockWebServer();
        server.setDispatcher(dispatcher());
        if (httpsFactory != null) {
            server.useHttps(httpsFactory, false);
        }
        server.start(port);
    }

    <T extends AgentMessage> List<T> receivedOf(Class<T> type) {
        return received.stream().map(Envelope::message).filter(type::isInstance).map(type::cast).toList();
    }

    List<Envelope<AgentMessage>> receivedSinceHello(int helloNumber) {
        int seen = 0;
        for (int i = 0; i < received.size(); i++) {
            if (received.get(i).message() instanceof Hello && ++seen == helloNumber) {
                return received.subList(i + 1, received.size());
            }
        }
        return List.of();
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
    }

    private ControlPlaneMessage answer(Hello hello) {
        ControlPlaneMessage refusal = authenticator.apply(hello);
        if (refusal != null) {
            return refusal;
        }
        VersionNegotiation.Result result = VersionNegotiation.negotiate(hello.supportedVersions(), serverVersions);
        if (result instanceof VersionNegotiation.NoCommonVersion none) {
            return none.refused();
        }
        int version = ((VersionNegotiation.Agreed) result).version();
        return new Welcome(version, "session-" + upgrades.get(), heartbeatInterval, heartbeatTimeout, maxMessageBytes);
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
                undecodable.add(result.toString());
                return;
            }
            Envelope<AgentMessage> envelope = decoded.envelope();
            received.add(envelope);
            AgentMessage message = envelope.message();
            if (message instanceof Hello hello && answerHellos) {
                ControlPlaneMessage reply = answer(hello);
                webSocket.send(codec.encode(Envelope.wrap(reply, Clock.systemUTC())));
                if (reply instanceof Refused) {
                    webSocket.close(1008, "refused");
                }
            } else if (message instanceof ResourceStatus || message instanceof EnvironmentStatus
                    || message instanceof Telemetry) {
                webSocket.send(codec.encode(Envelope.wrap(Ack.of(envelope.id()), Clock.systemUTC())));
            }
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            closeCodes.add(code);
            webSocket.close(1000, null);
        }
    }
}
