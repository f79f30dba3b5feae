package io.qdranthybrid.platform.session;

import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * Runs an {@link AgentSession} on any server that hands out OkHttp {@link WebSocket}s (e.g. MockWebServer's
 * {@code withWebSocketUpgrade}). Use one instance per connection.
 *
 * <p><b>Frame size.</b> OkHttp reads a whole message into memory before {@link #onMessage} and sets no inbound limit;
 * the session's size check ({@link SessionSettings}, 1 MiB by default) runs only then, and before the Hello is
 * verified. Behind an OkHttp server a single frame is therefore bounded only by the heap: put production gateways on
 * a server that caps frames before buffering them (Netty's {@code maxFramePayloadLength}, as the test harness's
 * {@code ControlPlaneServer} does, set to the session limit).
 */
public final class AgentWebSocketListener extends WebSocketListener {

    private final AgentGateway gateway;
    private volatile AgentSession session;

    public AgentWebSocketListener(AgentGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        session = gateway.open(new OkHttpTransport(webSocket));
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
        session.onText(text);
    }

    @Override
    public void onMessage(WebSocket webSocket, ByteString bytes) {
        session.onUnsupportedFrame("binary");
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        webSocket.close(1000, null);
        session.transportClosed(code, reason);
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
        session.transportClosed(code, reason);
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
        AgentSession current = session;
        if (current != null) {
            current.transportClosed(1006, failure.toString());
        }
    }

    private record OkHttpTransport(WebSocket socket) implements SessionTransport {
        @Override
        public boolean send(String text) {
            return socket.send(text);
        }

        @Override
        public void close(int code, String reason) {
            socket.close(code, reason);
        }
    }
}
