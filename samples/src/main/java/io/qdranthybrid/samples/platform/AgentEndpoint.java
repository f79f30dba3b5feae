package io.qdranthybrid.samples.platform;

import io.micronaut.http.HttpRequest;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnError;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import io.qdranthybrid.platform.session.AgentGateway;
import io.qdranthybrid.platform.session.AgentSession;
import io.qdranthybrid.platform.session.SessionTransport;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Where agents dial in: each Micronaut WebSocket connection becomes one {@link AgentSession} of the SDK's gateway, which
 * does the handshake, authentication, delivery and heartbeats. This class only moves frames, and hands each
 * connection's events to {@link SessionEvents} so that the gateway's store calls never block Netty's event loop.
 */
@ServerWebSocket(AgentEndpoint.PATH)
public final class AgentEndpoint {

    public static final String PATH = "/agent/v1";
    private static final String SESSION = "qdrant-hybrid.agent-session";
    /** RFC 6455 1006: the connection dropped without a close frame. */
    private static final int ABNORMAL_CLOSURE = 1006;

    private static final String EVENTS = "qdrant-hybrid.session-events";

    private final AgentGateway gateway;
    private final SessionEvents sessionEvents;

    public AgentEndpoint(AgentGateway gateway, SessionEvents sessionEvents) {
        this.gateway = gateway;
        this.sessionEvents = sessionEvents;
    }

    /**
     * The peer's address goes to the gateway, which turns away an address after too many failed Hellos. It is the
     * socket's: a forwarded-for header would let a guesser pick a fresh address per try. Behind a proxy every agent
     * shares the proxy's address; limit per client there.
     */
    @OnOpen
    public void onOpen(WebSocketSession connection, HttpRequest<?> request) {
        Executor events = sessionEvents.forConnection();
        connection.put(EVENTS, events);
        String address = socketAddress(request);
        events.execute(() -> connection.put(SESSION, gateway.open(new MicronautTransport(connection, address))));
    }

    private static String socketAddress(HttpRequest<?> request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
    }

    @OnMessage(maxPayloadLength = 4 * 1024 * 1024)
    public void onMessage(String text, WebSocketSession connection) {
        eventsOf(connection).execute(() -> sessionOf(connection).onText(text));
    }

    @OnClose
    public void onClose(CloseReason reason, WebSocketSession connection) {
        eventsOf(connection).execute(() -> sessionOf(connection).transportClosed(reason.getCode(), reason.getReason()));
    }

    @OnError
    public void onError(Throwable failure, WebSocketSession connection) {
        eventsOf(connection).execute(() -> sessionOf(connection).transportClosed(ABNORMAL_CLOSURE, failure.toString()));
    }

    /** The connection's events run off the event loop, in order (see {@link SessionEvents}). */
    private static Executor eventsOf(WebSocketSession connection) {
        return connection.get(EVENTS, Executor.class)
                .orElseThrow(() -> new IllegalStateException("WebSocket " + connection.getId() + " was never opened"));
    }

    private static AgentSession sessionOf(WebSocketSession connection) {
        return connection.get(SESSION, AgentSession.class)
                .orElseThrow(() -> new IllegalStateException("WebSocket " + connection.getId() + " has no agent session"));
    }

    /** Sends are asynchronous: the gateway calls {@link #send} with its session lock held and must not block. */
    private record MicronautTransport(WebSocketSession connection, String address) implements SessionTransport {
        @Override
        public boolean send(String text) {
            if (!connection.isOpen()) {
                return false;
            }
            connection.sendAsync(text);
            return true;
        }

        @Override
        public void close(int code, String reason) {
            connection.close(new CloseReason(code, reason));
        }

        @Override
        public Optional<String> remoteAddress() {
            return Optional.ofNullable(address);
        }
    }
}
