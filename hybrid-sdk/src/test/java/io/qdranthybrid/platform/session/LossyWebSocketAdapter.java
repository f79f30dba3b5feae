package io.qdranthybrid.platform.session;

import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A second thin adapter, written the way a platform would adapt its own WebSocket server, that loses frames on purpose:
 * it can drop the first desired state we send (and then break the connection, like a network that died mid-frame),
 * drop the second part of a desired state sent in parts, or drop the agent's first Ack of a revision. It records every
 * desired-state frame (and part) the session sent.
 */
final class LossyWebSocketAdapter extends WebSocketListener {

    static final List<String> desiredStateFramesSent = new CopyOnWriteArrayList<>();
    static final AtomicBoolean dropNextDesiredStateAndCut = new AtomicBoolean();
    static final AtomicBoolean dropNextRevisionAck = new AtomicBoolean();
    /** Drops the second part of the next desired state sent in parts, so the agent holds a series with a hole. */
    static final AtomicBoolean dropNextSecondPart = new AtomicBoolean();
    static final List<String> partFramesSent = new CopyOnWriteArrayList<>();

    private final AgentGateway gateway;
    private volatile AgentSession session;

    LossyWebSocketAdapter(AgentGateway gateway) {
        this.gateway = gateway;
    }

    static void reset() {
        desiredStateFramesSent.clear();
        dropNextDesiredStateAndCut.set(false);
        dropNextRevisionAck.set(false);
        dropNextSecondPart.set(false);
        partFramesSent.clear();
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        session = gateway.open(new SessionTransport() {
            @Override
            public boolean send(String text) {
                if (text.contains("\"type\":\"desired-state\"")) {
                    desiredStateFramesSent.add(text);
                    if (dropNextDesiredStateAndCut.compareAndSet(true, false)) {
                        // The frame never leaves; the connection ends (server-side OkHttp sockets cannot cancel()).
                        webSocket.close(1011, "simulated connection loss");
                        return true;
                    }
                }
                if (text.contains("\"type\":\"desired-state-part\"")) {
                    partFramesSent.add(text);
                    if (text.contains("\"part\":2,") && dropNextSecondPart.compareAndSet(true, false)) {
                        return true;
                    }
                }
                return webSocket.send(text);
            }

            @Override
            public void close(int code, String reason) {
                webSocket.close(code, reason);
            }
        });
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
        if (text.contains("\"type\":\"ack\"") && text.contains("\"revision\"") && dropNextRevisionAck.compareAndSet(true, false)) {
            return;
        }
        session.onText(text);
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        webSocket.close(1000, null);
        session.transportClosed(code, reason);
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
        if (session != null) {
            session.transportClosed(1006, failure.toString());
        }
    }
}
